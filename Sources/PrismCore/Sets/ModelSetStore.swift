import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The model sets saved from the chat screen, in `$XDG_STATE_HOME/prism/sets.json`.
///
/// Changes are applied to what is on disk under an exclusive `flock`, not written as
/// a whole list, so two Prism windows saving different sets keep both. Writes are
/// atomic. An entry that is not a valid set (edited by hand, say) is skipped when read.
public struct ModelSetStore: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    private struct Contents: Encodable {
        var sets: [ModelSet]
    }

    /// One entry as read: nil when it is not a set at all, so one bad entry never hides the others.
    private struct Entry: Decodable {
        var set: ModelSet?
        init(from decoder: any Decoder) throws { set = try? ModelSet(from: decoder) }
    }

    private struct Stored: Decodable {
        var sets: [Entry]
    }

    /// The saved sets, in the order they were first saved; none when the file is missing or unreadable.
    public func load() -> [ModelSet] {
        guard let data = FileManager.default.contents(atPath: file.path),
              let stored = try? JSONDecoder().decode(Stored.self, from: data) else { return [] }
        var seen: Set<String> = []
        return stored.sets.compactMap(\.set).filter { $0.problem == nil && seen.insert($0.name).inserted }
    }

    /// Brings the file from `old` to `new`: sets added, changed or removed between the two
    /// are applied to the file's current contents; sets neither touches are left as they are.
    public func apply(from old: [ModelSet], to new: [ModelSet]) throws {
        let removed = old.map(\.name).filter { name in !new.contains { $0.name == name } }
        let changed = new.filter { !old.contains($0) }
        guard !removed.isEmpty || !changed.isEmpty else { return }
        try withLock {
            var sets = load()
            sets.removeAll { removed.contains($0.name) }
            for set in changed {
                if let i = sets.firstIndex(where: { $0.name == set.name }) { sets[i] = set } else { sets.append(set) }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try AtomicFile().write(try encoder.encode(Contents(sets: sets)), to: file)
        }
    }

    private func withLock(_ body: () throws -> Void) throws {
        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(folder.appendingPathComponent(".sets.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        try body()
    }
}

extension ModelSetStore {
    /// The store the chat screen and `prism compare` use: `sets.json`, or `sets-demo.json` in
    /// demo mode so sets of simulated models never show up next to real ones.
    public init(paths: PrismPaths, demo: Bool) {
        self.init(file: paths.state.appendingPathComponent(demo ? "sets-demo.json" : "sets.json"))
    }
}
