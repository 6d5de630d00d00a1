import Foundation
import PrismCore

/// Small UI preferences kept between runs: picker favourites and recents, prompt history.
///
/// Stored in the state folder (they are not configuration the user writes); losing
/// them costs nothing, so errors are ignored.
public final class PreferencesStore: @unchecked Sendable {
    struct Picker: Codable {
        var favourites: [String]
        var recents: [String]
    }

    let folder: URL
    private let lock = NSLock()

    public init(folder: URL) {
        self.folder = folder
    }

    var pickerFile: URL { folder.appendingPathComponent("picker.json") }
    var historyFile: URL { folder.appendingPathComponent("history.json") }

    public func loadPicker() -> (favourites: [String], recents: [String]) {
        guard let data = FileManager.default.contents(atPath: pickerFile.path),
              let picker = try? JSONDecoder().decode(Picker.self, from: data) else { return ([], []) }
        return (picker.favourites, picker.recents)
    }

    public func savePicker(favourites: [String], recents: [String]) {
        write(try? JSONEncoder().encode(Picker(favourites: favourites, recents: recents)), to: pickerFile)
    }

    public func loadHistory() -> [String] {
        guard let data = FileManager.default.contents(atPath: historyFile.path),
              let entries = try? JSONDecoder().decode([String].self, from: data) else { return [] }
        return entries
    }

    public func appendHistory(_ prompt: String) {
        lock.withLock {
            var entries = loadHistory()
            if entries.last != prompt { entries.append(prompt) }
            if entries.count > 1000 { entries.removeFirst(entries.count - 1000) }
            write(try? JSONEncoder().encode(entries), to: historyFile)
        }
    }

    private func write(_ data: Data?, to url: URL) {
        guard let data else { return }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let tmp = folder.appendingPathComponent(".\(url.lastPathComponent).tmp")
        guard (try? data.write(to: tmp)) != nil else { return }
        _ = rename(tmp.path, url.path)
    }
}
