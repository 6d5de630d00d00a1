import Foundation

/// Which models routing chooses from: those named (on the command line, or a set's), else
/// `[route] candidates` in config.toml, else the picker's favourites; in demo mode, the demo
/// models. Duplicates are dropped, the first place kept.
public enum RouteCandidateList {
    /// The one-line reason when there is nothing to choose from.
    public static let noneMessage = "no route candidates: set [route] candidates in config.toml or star favourites in the picker"

    public static func resolve(named: [String], configured: [String], favourites: [String], demo: Bool) -> [String] {
        var ids = named
        if ids.isEmpty { ids = configured }
        if ids.isEmpty, !demo { ids = favourites }
        if ids.isEmpty, demo { ids = DemoModel.all.map(\.id) }
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
