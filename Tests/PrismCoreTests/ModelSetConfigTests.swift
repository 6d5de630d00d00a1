import Foundation
import Testing
@testable import PrismCore

@Suite("Model sets in config.toml")
struct ModelSetConfigTests {
    @Test func setsAreReadInFileOrder() throws {
        let (config, warnings) = try PrismConfig.parse("""
            model = "a/one"
            [sets]
            zeta = ["a/one", "b/two"]
            fast = ["a/one", "b/two", "c/three", "d/four"]
            mid-size_2 = [
              "c/three",   # arrays may span lines
              "a/one",
            ]
            """)
        #expect(warnings.isEmpty)
        #expect(config.sets == [
            ModelSet(name: "zeta", models: ["a/one", "b/two"]),
            ModelSet(name: "fast", models: ["a/one", "b/two", "c/three", "d/four"]),
            ModelSet(name: "mid-size_2", models: ["c/three", "a/one"]),
        ])
    }

    @Test func badEntriesAreSkippedWithAOneLineWarningNamingTheLine() throws {
        let (config, warnings) = try PrismConfig.parse("""
            [sets]
            good = ["a/one", "b/two"]
            solo = ["a/one"]
            crowd = ["a", "b", "c", "d", "e"]
            twice = ["a/one", "a/one"]
            typed = ["a/one", 2]
            text = "a/one b/two"
            spaced = ["a/one", "b two"]
            "my set" = ["a/one", "b/two"]
            save = ["a/one", "b/two"]
            empty = []
            """)
        #expect(config.sets == [ModelSet(name: "good", models: ["a/one", "b/two"])])
        #expect(warnings == [
            "config.toml line 3: set 'solo' ignored: a set needs 2 to 4 models, not 1",
            "config.toml line 4: set 'crowd' ignored: a set needs 2 to 4 models, not 5",
            "config.toml line 5: set 'twice' ignored: 'a/one' is listed twice",
            "config.toml line 6: set 'typed' ignored: every model id must be a string",
            "config.toml line 7: set 'text' ignored: it must be an array of model ids, not a string",
            "config.toml line 8: set 'spaced' ignored: model id 'b two' contains a space",
            "config.toml line 9: set 'my set' ignored: a set name may use only letters, digits, '-' and '_'",
            "config.toml line 10: set 'save' ignored: delete, list, save are /set commands, not set names",
            "config.toml line 11: set 'empty' ignored: a set needs 2 to 4 models, not 0",
        ])
    }

    @Test func aSetThatIsATableIsWarnedAbout() throws {
        let (config, warnings) = try PrismConfig.parse("[sets.fast]\nmodels = [\"a/one\", \"b/two\"]\n")
        #expect(config.sets == [])
        #expect(warnings == ["config.toml line 1: set 'fast' ignored: it must be an array of model ids, not a table"])
    }

    @Test func setsThatIsNotATableIsAnError() {
        #expect(throws: TOMLError(fileName: "config.toml", line: 1, message: "'sets' must be a table, not an array")) {
            try PrismConfig.parse("sets = [\"a/one\", \"b/two\"]\n")
        }
    }

    @Test func theLoaderCarriesTheSetsAndTheirSource() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(try xdg.resolve().modelSets.isEmpty)
        try xdg.writeConfig("[sets]\nfast = [\"a/one\", \"b/two\"]\nsolo = [\"a/one\"]\n")
        let config = try xdg.resolve()
        #expect(config.modelSets == [ModelSet(name: "fast", models: ["a/one", "b/two"])])
        #expect(config.source(of: .sets) == .file)
        #expect(config.explanation.contains("sets = fast (file)"))
        #expect(config.warnings == ["config.toml line 3: set 'solo' ignored: a set needs 2 to 4 models, not 1"])
        let sets = ModelSets(config: config, saved: [])
        #expect(sets.unknown("solo").message == "config.toml line 3: set 'solo' ignored: a set needs 2 to 4 models, not 1",
                "asking for a skipped set says why it was skipped")
        #expect(sets.unknown("other").message == "unknown set 'other'; sets: fast")
    }
}
