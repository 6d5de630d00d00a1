import Foundation

/// Small UI preferences kept between runs: picker favourites and recents, prompt history, the theme.
///
/// Stored in the state folder (they are not configuration the user writes), each
/// written atomically with mode 0600. Losing them costs little, so write errors are
/// ignored; but a file that does not parse is moved to `corrupt/` rather than
/// replaced, and the one-line warning waits in `loadWarnings` for the chat screen to
/// show (see `StateFile`).
public final class PreferencesStore: @unchecked Sendable {
    struct Picker: Codable {
        var favourites: [String]
        var recents: [String]
    }

    struct Interface: Codable {
        var theme: String?
    }

    let folder: URL
    let picker: StateFile
    let history: StateFile
    /// `ui.json`: the theme last chosen in the switcher.
    let interface: StateFile
    private let lock = NSLock()
    private var warnings: [String] = []

    public convenience init(folder: URL) {
        self.init(folder: folder, picker: StateFile(url: folder.appendingPathComponent("picker.json")),
                  history: StateFile(url: folder.appendingPathComponent("history.json")))
    }

    init(folder: URL, picker: StateFile, history: StateFile, interface: StateFile? = nil) {
        self.folder = folder
        self.picker = picker
        self.history = history
        self.interface = interface ?? StateFile(url: folder.appendingPathComponent("ui.json"))
    }

    /// The theme last chosen in the chat screen's switcher, if any.
    ///
    /// `ConfigLoader` uses it below `--theme` and config.toml's `theme`.
    public func loadTheme() -> String? {
        lock.withLock { read(interface, as: Interface.self) }.value?.theme
    }

    public func saveTheme(_ name: String) {
        lock.withLock {
            guard !read(interface, as: Interface.self).blocked else { return }
            write(try? JSONEncoder().encode(Interface(theme: name)), to: interface)
        }
    }

    var pickerFile: URL { picker.url }
    var historyFile: URL { history.url }

    /// Problems met so far reading these files (a damaged file moved aside), one line each, oldest first.
    ///
    /// Read it after `loadPicker` and `loadHistory` at start to show the user what happened.
    public var loadWarnings: [String] { lock.withLock { warnings } }

    public func loadPicker() -> (favourites: [String], recents: [String]) {
        let loaded = lock.withLock { read(picker, as: Picker.self) }
        return (loaded.value?.favourites ?? [], loaded.value?.recents ?? [])
    }

    public func savePicker(favourites: [String], recents: [String]) {
        lock.withLock {
            // A file damaged since it was loaded is moved aside first, and one that cannot be is left alone.
            guard !read(picker, as: Picker.self).blocked else { return }
            write(try? JSONEncoder().encode(Picker(favourites: favourites, recents: recents)), to: picker)
        }
    }

    public func loadHistory() -> [String] {
        lock.withLock { read(history, as: [String].self) }.value ?? []
    }

    public func appendHistory(_ prompt: String) {
        lock.withLock {
            let loaded = read(history, as: [String].self)
            guard !loaded.blocked else { return }
            var entries = loaded.value ?? []
            if entries.last != prompt { entries.append(prompt) }
            if entries.count > 1000 { entries.removeFirst(entries.count - 1000) }
            write(try? JSONEncoder().encode(entries), to: history)
        }
    }

    /// Reads one of the files (lock held), keeping any warning.
    private func read<Value: Decodable>(_ file: StateFile, as type: Value.Type) -> StateFile.Loaded<Value> {
        let loaded = file.load { try JSONDecoder().decode(Value.self, from: $0) }
        if let warning = loaded.warning { warnings.append(warning) }
        return loaded
    }

    private func write(_ data: Data?, to file: StateFile) {
        guard let data else { return }
        try? file.save(data)
    }
}
