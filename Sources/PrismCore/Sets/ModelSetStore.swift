import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The model sets saved from the chat screen, in `$XDG_STATE_HOME/prism/sets.json`.
///
/// Changes are applied to what is on disk under an exclusive `flock`, not written as
/// a whole list, so two Prism windows saving different sets keep both. Writes are
/// atomic and private (0600). An entry that is not a valid set (edited by hand, say)
/// is skipped when read but written back as it was, and a file that does not parse is
/// moved to `corrupt/` and reported (see `StateFile`), so nothing the user wrote is lost.
public struct ModelSetStore: Sendable {
    public let file: URL
    let stateFile: StateFile

    public init(file: URL) {
        self.init(stateFile: StateFile(url: file))
    }

    init(stateFile: StateFile) {
        self.file = stateFile.url
        self.stateFile = stateFile
    }

    /// One entry as read: the raw JSON, and the set when it is a valid one.
    struct Entry: Decodable {
        var raw: JSONValue
        var set: ModelSet?

        init(from decoder: any Decoder) throws {
            raw = try JSONValue(from: decoder)
            set = (try? ModelSet(from: decoder)).flatMap { $0.problem == nil ? $0 : nil }
        }
    }

    /// The whole file: its entries, and any other top-level keys (kept when rewriting).
    struct Stored: Decodable {
        var entries: [Entry]
        var others: [String: JSONValue]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            entries = try c.decode([Entry].self, forKey: Key(stringValue: "sets"))
            others = [:]
            for key in c.allKeys where key.stringValue != "sets" {
                others[key.stringValue] = try c.decode(JSONValue.self, forKey: key)
            }
        }

        /// The valid sets, first of each name, in file order.
        var sets: [ModelSet] {
            var seen: Set<String> = []
            return entries.compactMap(\.set).filter { seen.insert($0.name).inserted }
        }
    }

    /// The saved sets, in the order they were first saved; none when the file is missing or damaged.
    public func load() -> [ModelSet] {
        loadReporting().sets
    }

    /// The saved sets, with one line per problem to show the user (a damaged file moved aside).
    public func loadReporting() -> (sets: [ModelSet], warnings: [String]) {
        let loaded = read()
        return (loaded.value?.sets ?? [], loaded.warning.map { [$0] } ?? [])
    }

    private func read() -> StateFile.Loaded<Stored> {
        stateFile.load { try JSONDecoder().decode(Stored.self, from: $0) }
    }

    /// Brings the file from `old` to `new`: sets added, changed or removed between the two
    /// are applied to the file's current contents; sets neither touches are left as they are.
    public func apply(from old: [ModelSet], to new: [ModelSet]) throws {
        _ = try applyReporting(from: old, to: new)
    }

    /// `apply`, returning the warnings met on the way (the file was damaged and moved aside).
    public func applyReporting(from old: [ModelSet], to new: [ModelSet]) throws -> [String] {
        let removed = Set(old.map(\.name).filter { name in !new.contains { $0.name == name } })
        let changed = new.filter { !old.contains($0) }
        guard !removed.isEmpty || !changed.isEmpty else { return [] }
        return try withLock {
            let loaded = read()
            if loaded.blocked { throw stateFile.blockedFailure }
            let stored = loaded.value
            var out: [JSONValue] = []
            var written: Set<String> = []
            for entry in stored?.entries ?? [] {
                guard let set = entry.set else {
                    out.append(entry.raw)  // not a set Prism understands: keep it as the user wrote it
                    continue
                }
                if removed.contains(set.name) { continue }
                if written.contains(set.name) {
                    out.append(entry.raw)  // a second set of that name (hidden when read): kept as written
                    continue
                }
                written.insert(set.name)
                out.append(Self.json(changed.first { $0.name == set.name } ?? set))
            }
            for set in changed where !written.contains(set.name) {
                written.insert(set.name)
                out.append(Self.json(set))
            }
            var top = stored?.others ?? [:]
            top["sets"] = .array(out)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try stateFile.save(try encoder.encode(JSONValue.object(top)))
            return loaded.warning.map { [$0] } ?? []
        }
    }

    private static func json(_ set: ModelSet) -> JSONValue {
        .object(["name": .string(set.name), "models": .array(set.models.map { .string($0) })])
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let folder = file.deletingLastPathComponent()
        try PosixFile.makeFolder(folder.path)
        let fd = open(folder.appendingPathComponent(".sets.lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}

extension ModelSetStore {
    /// The store the chat screen and `prism compare` use: `sets.json`, or `sets-demo.json` in
    /// demo mode so sets of simulated models never show up next to real ones.
    public init(paths: PrismPaths, demo: Bool) {
        self.init(file: paths.state.appendingPathComponent(demo ? "sets-demo.json" : "sets.json"))
    }
}
