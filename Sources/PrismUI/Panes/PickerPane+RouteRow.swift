import Foundation
import PrismCore

extension PickerPane {
    /// The route row's text: what choosing it does, and from how many models.
    static func routeRow(_ state: AppState) -> String {
        let count = state.routeCandidates.count
        guard count > 0 else { return "route: no candidates yet ([route] candidates in config.toml, or ★ favourites)" }
        let source = !state.route.settings.candidates.isEmpty ? "[route] candidates" : state.demo ? "demo models" : "favourites"
        return "route: best of \(Formatting.count(count, "candidate")) for each prompt (\(source))"
    }
}
