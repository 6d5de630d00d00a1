import Foundation
import Testing
@testable import PrismCore

@Suite("Model sets: merging and the saved-sets file")
struct ModelSetStoreTests {
    let fast = ModelSet(name: "fast", models: ["a/one", "b/two"])
    let big = ModelSet(name: "big", models: ["c/three", "d/four", "e/five"])

    @Test func configSetsComeFirstAndWinOnAClash() {
        let sets = ModelSets(configured: [fast], saved: [big, ModelSet(name: "fast", models: ["x/y", "z/w"])])
        #expect(sets.all == [fast, big])
        #expect(sets.named("fast") == fast)
        #expect(sets.origin(of: "fast") == .config)
        #expect(sets.origin(of: "big") == .saved)
        #expect(sets.named("Fast") == nil, "names are case-sensitive")
    }

    @Test func savingReplacesASavedSetAndRefusesAConfigName() throws {
        var sets = ModelSets(configured: [fast])
        #expect(try sets.save(big) == false)
        let bigger = ModelSet(name: "big", models: ["c/three", "d/four"])
        #expect(try sets.save(bigger) == true)
        #expect(sets.saved == [bigger])
        #expect(throws: ModelSetError("config.toml defines it: edit it there or pick another name")) {
            try sets.save(ModelSet(name: "fast", models: ["c/three", "d/four"]))
        }
        #expect(throws: ModelSetError("a set needs 2 to 4 models, not 1")) {
            try sets.save(ModelSet(name: "tiny", models: ["c/three"]))
        }
        #expect(sets.saved == [bigger])
    }

    @Test func deletingTakesOnlySavedSets() throws {
        var sets = ModelSets(configured: [fast], saved: [big])
        try sets.delete("big")
        #expect(sets.saved.isEmpty)
        #expect(throws: ModelSetError("set 'fast' is defined in config.toml: remove it there")) { try sets.delete("fast") }
        #expect(throws: ModelSetError("unknown set 'nope'; sets: fast")) { try sets.delete("nope") }
        #expect(ModelSets().unknown("x").message
            == "unknown set 'x'; no sets yet: add a [sets] table to config.toml or save one in the chat screen with /set save NAME")
    }

    @Test func theFileKeepsOrderAndIsPrivate() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let store = ModelSetStore(paths: xdg.paths, demo: false)
        #expect(store.load().isEmpty)
        try store.apply(from: [], to: [fast, big])
        #expect(store.load() == [fast, big])
        let mode = try FileManager.default.attributesOfItem(atPath: store.file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(store.file.lastPathComponent == "sets.json")
        #expect(ModelSetStore(paths: xdg.paths, demo: true).load().isEmpty, "demo mode keeps its own sets")
    }

    @Test func changesApplyToWhatIsOnDiskSoTwoWindowsKeepBoth() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let store = ModelSetStore(paths: xdg.paths, demo: false)
        try store.apply(from: [], to: [fast])            // window 1 saves fast
        try store.apply(from: [], to: [big])             // window 2, which started before, saves big
        #expect(store.load() == [fast, big])
        let faster = ModelSet(name: "fast", models: ["b/two", "a/one"])
        try store.apply(from: [fast], to: [faster])      // window 1 changes fast
        try store.apply(from: [big], to: [])             // window 2 deletes big
        #expect(store.load() == [faster])
    }

    @Test func badEntriesInTheFileAreSkippedNotFatal() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        let store = ModelSetStore(paths: xdg.paths, demo: false)
        try FileManager.default.createDirectory(at: xdg.paths.state, withIntermediateDirectories: true)
        try Data("""
            {"sets": [{"name": "fast", "models": ["a/one", "b/two"]}, {"name": "solo", "models": ["a/one"]},
                      {"oops": true}, {"name": "fast", "models": ["c/three", "d/four"]}, {"name": "big", "models": ["c/three", "d/four"]}]}
            """.utf8).write(to: store.file)
        #expect(store.load().map(\.name) == ["fast", "big"])
        try Data("not json".utf8).write(to: store.file)
        #expect(store.load().isEmpty)
    }
}
