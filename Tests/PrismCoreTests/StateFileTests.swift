import Foundation
import Testing
@testable import PrismCore

#if canImport(Glibc)
import Glibc
#endif

/// Damaged state files (sets, spend) are moved aside and reported, never overwritten; writes are private and leave no temp files.
@Suite("State files: damage, permissions, failed writes")
struct StateFileTests {
    static let fixedNow: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_400_000) }  // 2026-11-23T02:13:20Z
    static let stamp = "20261123T021320Z"

    /// A state folder of its own, removed afterwards.
    struct Sandbox {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-state-\(UUID().uuidString)")
        var state: URL { root.appendingPathComponent("state/prism", isDirectory: true) }
        var corrupt: URL { state.appendingPathComponent("corrupt", isDirectory: true) }

        func file(_ name: String) -> StateFile {
            StateFile(url: state.appendingPathComponent(name), faults: nil, now: StateFileTests.fixedNow)
        }

        func write(_ text: String, to name: String) throws {
            try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: state.appendingPathComponent(name))
        }

        func names(_ folder: URL) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        }

        func remove() { try? FileManager.default.removeItem(at: root) }
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func aMissingFileIsEmptyStateWithoutAWord() {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let loaded = sandbox.file("sets.json").load { try JSONDecoder().decode([String].self, from: $0) }
        #expect(loaded.value == nil)
        #expect(loaded.warning == nil)
        #expect(!loaded.blocked)
        #expect(!FileManager.default.fileExists(atPath: sandbox.corrupt.path), "nothing to move aside")
    }

    @Test func aDamagedFileIsMovedAsideOnceWithOneLine() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("[\"a\", \"b\" // my note\n]", to: "history.json")
        let file = sandbox.file("history.json")
        let loaded = file.load { try JSONDecoder().decode([String].self, from: $0) }
        #expect(loaded.value == nil)
        let moved = sandbox.corrupt.appendingPathComponent("history.json.\(Self.stamp)")
        #expect(loaded.warning == "history.json could not be read (not valid JSON); moved to \(moved.path), starting afresh")
        #expect(!loaded.blocked)
        #expect(try String(contentsOf: moved, encoding: .utf8) == "[\"a\", \"b\" // my note\n]", "kept byte for byte")
        #expect(!FileManager.default.fileExists(atPath: file.url.path))
        #expect(Self.mode(sandbox.corrupt.path) == 0o700)
        // Said once: the next read finds no file and says nothing.
        #expect(file.load { try JSONDecoder().decode([String].self, from: $0) }.warning == nil)
    }

    @Test func wrongShapeIsDamageTooAndNamesWhere() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write(#"{"favourites": "x", "recents": []}"#, to: "picker.json")
        struct Picker: Decodable { var favourites: [String]; var recents: [String] }
        let loaded = sandbox.file("picker.json").load { try JSONDecoder().decode(Picker.self, from: $0) }
        #expect(loaded.warning?.hasPrefix("picker.json could not be read (wrong type at favourites") == true, "\(loaded.warning ?? "nil")")
        #expect(loaded.warning?.contains("\n") == false)
    }

    @Test func anEmptyFileIsEmptyState() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("", to: "spend.json")
        let loaded = sandbox.file("spend.json").load { try JSONDecoder().decode([String: String].self, from: $0) }
        #expect(loaded.value == nil && loaded.warning == nil)
    }

    @Test func quarantineNeverReplacesAnEarlierCopy() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let file = sandbox.file("sets.json")
        for text in ["first", "second"] {
            try sandbox.write(text, to: "sets.json")
            _ = file.load { try JSONDecoder().decode([String].self, from: $0) }
        }
        #expect(sandbox.names(sandbox.corrupt) == ["sets.json.\(Self.stamp)", "sets.json.\(Self.stamp)-1"])
    }

    @Test func aFileThatCannotBeMovedAsideIsLeftAndNotOverwritten() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("{oops", to: "sets.json")
        // `corrupt` taken by a plain file: the move cannot happen.
        try Data("x".utf8).write(to: sandbox.corrupt)
        let store = ModelSetStore(stateFile: sandbox.file("sets.json"))
        let (sets, warnings) = store.loadReporting()
        #expect(sets.isEmpty)
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("nor moved aside") == true)
        #expect(throws: StateFile.Failure.self) {
            try store.apply(from: [], to: [ModelSet(name: "fast", models: ["a/one", "b/two"])])
        }
        #expect(try String(contentsOf: store.file, encoding: .utf8) == "{oops", "the damaged file is untouched")
    }

    @Test func savedSetsSurviveAStrayCommentAndComeBackAfterAFix() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let store = ModelSetStore(stateFile: sandbox.file("sets.json"))
        let fast = ModelSet(name: "fast", models: ["a/one", "b/two"])
        try store.apply(from: [], to: [fast])
        var text = try String(contentsOf: store.file, encoding: .utf8)
        text = "// my sets\n" + text
        try Data(text.utf8).write(to: store.file)

        let (sets, warnings) = store.loadReporting()
        #expect(sets.isEmpty)
        #expect(warnings.count == 1 && warnings[0].hasPrefix("sets.json could not be read (not valid JSON); moved to "))
        // Saving a new set starts afresh and does not touch the moved copy.
        let big = ModelSet(name: "big", models: ["c/three", "d/four"])
        #expect(try store.applyReporting(from: [], to: [big]).isEmpty)
        #expect(store.load() == [big])
        let moved = try String(contentsOf: sandbox.corrupt.appendingPathComponent("sets.json.\(Self.stamp)"), encoding: .utf8)
        #expect(moved == text)
    }

    @Test func entriesPrismCannotUseAreWrittenBackAsTheyWere() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("""
            {"note": "mine", "sets": [{"name": "solo", "models": ["a/one"]}, {"name": "fast", "models": ["a/one", "b/two"]},
                                      {"name": "fast", "models": ["c/three", "d/four"]}]}
            """, to: "sets.json")
        let store = ModelSetStore(stateFile: sandbox.file("sets.json"))
        #expect(store.load().map(\.name) == ["fast"])
        try store.apply(from: [], to: [ModelSet(name: "big", models: ["c/three", "d/four"])])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: store.file)) as? [String: Any])
        #expect(object["note"] as? String == "mine")
        let entries = try #require(object["sets"] as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["solo", "fast", "fast", "big"])
        #expect(store.load().map(\.name) == ["fast", "big"])
    }

    @Test func writesArePrivateInPrivateFolders() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        let sets = ModelSetStore(stateFile: sandbox.file("sets.json"))
        try sets.apply(from: [], to: [ModelSet(name: "fast", models: ["a/one", "b/two"])])
        for name in ["sets.json", ".sets.lock"] {
            #expect(Self.mode(sandbox.state.appendingPathComponent(name).path) == 0o600, "\(name)")
        }
        // Every folder Prism created on the way is 0700, not only the last one.
        #expect(Self.mode(sandbox.state.path) == 0o700)
        #expect(Self.mode(sandbox.state.deletingLastPathComponent().path) == 0o700)
    }

    @Test func anExistingFolderKeepsItsMode() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(at: sandbox.state, withIntermediateDirectories: true)
        chmod(sandbox.state.path, 0o750)
        try sandbox.file("history.json").save(Data("[]".utf8))
        #expect(Self.mode(sandbox.state.path) == 0o750, "Prism does not change the mode of a folder it did not create")
        #expect(Self.mode(sandbox.state.appendingPathComponent("history.json").path) == 0o600)
    }

    @Test(arguments: [AtomicFile.Step.create, .write, .sync, .rename])
    func aFailedWriteLeavesTheOldFileAndNoTemp(step: AtomicFile.Step) throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("[\"old\"]", to: "history.json")
        let failing = StateFile(url: sandbox.state.appendingPathComponent("history.json"),
                                faults: { if $0 == step { throw FileFailure("test", code: ENOSPC) } }, now: Self.fixedNow)
        #expect(throws: StateFile.Failure(description: "could not write \(failing.url.path): No space left on device")) {
            try failing.save(Data("[\"new\"]".utf8))
        }
        #expect(sandbox.names(sandbox.state) == ["history.json"], "no temp file left")
        #expect(try String(contentsOf: failing.url, encoding: .utf8) == "[\"old\"]")
    }

    @Test func aFileChangedUnderTheReaderIsReadAgainNotMoved() throws {
        let sandbox = Sandbox()
        defer { sandbox.remove() }
        try sandbox.write("garbage", to: "history.json")
        let file = sandbox.file("history.json")
        var first = true
        let loaded = file.load { data -> [String] in
            if first {
                first = false
                // Another window saves a good file while this one is decoding the bad one.
                try Data("[\"fresh\"]".utf8).write(to: file.url, options: .atomic)
            }
            return try JSONDecoder().decode([String].self, from: data)
        }
        #expect(loaded.value == ["fresh"])
        #expect(loaded.warning == nil)
        #expect(!FileManager.default.fileExists(atPath: sandbox.corrupt.path))
    }
}
