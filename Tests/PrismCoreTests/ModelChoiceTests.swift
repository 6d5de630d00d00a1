import Foundation
import Testing
@testable import PrismCore

/// The model is decided once, in config resolution: flag > PRISM_MODEL > config.toml >
/// default (a demo model in demo mode), and the decision remembers what made it.
@Suite("Model choice")
struct ModelChoiceTests {
    /// Each row sets some of the three levels; the highest one set must win, with its source.
    @Test(arguments: [
        (flag: "f/m", env: "e/m", file: "c/m", last: "l/m", id: "f/m", source: ConfigSource.flag),
        (flag: "f/m", env: nil, file: "c/m", last: nil, id: "f/m", source: .flag),
        (flag: "f/m", env: nil, file: nil, last: "l/m", id: "f/m", source: .flag),
        (flag: nil, env: "e/m", file: "c/m", last: "l/m", id: "e/m", source: .environment),
        (flag: nil, env: "e/m", file: nil, last: nil, id: "e/m", source: .environment),
        (flag: nil, env: nil, file: "c/m", last: "l/m", id: "c/m", source: .file),
        (flag: nil, env: nil, file: nil, last: "l/m", id: "l/m", source: .lastUsed),
        (flag: nil, env: nil, file: nil, last: nil, id: "openrouter/auto", source: .default),
    ] as [(flag: String?, env: String?, file: String?, last: String?, id: String, source: ConfigSource)])
    func eachLevelOverridesTheNext(row: (flag: String?, env: String?, file: String?, last: String?, id: String, source: ConfigSource)) {
        let choice = ConfigLoader.chooseModel(flag: row.flag, environment: row.env, file: row.file, lastUsed: row.last, demo: false)
        #expect(choice == ModelChoice(id: row.id, source: row.source))
    }

    @Test func theModelChosenLastInThePickerComesAfterTheConfigFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        PreferencesStore(folder: xdg.paths.state).savePicker(favourites: [], recents: ["last/model", "older/model"])
        let config = try xdg.resolve()
        #expect(config.model == ModelChoice(id: "last/model", source: .lastUsed))
        #expect(config.model.chosen == "last/model", "the chat screen starts on it instead of opening the picker")
        #expect(config.explanation.contains("model = last/model (last used)"))
        try xdg.writeConfig("model = \"file/model\"\n")
        #expect(try xdg.resolve().model == ModelChoice(id: "file/model", source: .file))
        #expect(try xdg.resolve(flags: ConfigOverrides(demo: true)).model.source == .demo, "a real model never answers the demo")
    }

    @Test func resolutionReadsTheFlagTheEnvironmentAndTheFile() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("model = \"file/model\"\n")
        #expect(try xdg.resolve().model == ModelChoice(id: "file/model", source: .file))
        let env = ["PRISM_MODEL": "env/model"]
        #expect(try xdg.resolve(env: env).model == ModelChoice(id: "env/model", source: .environment))
        let flagged = try xdg.resolve(flags: ConfigOverrides(model: "flag/model"), env: env)
        #expect(flagged.model == ModelChoice(id: "flag/model", source: .flag))
        #expect(flagged.source(of: .model) == .flag)
        #expect(flagged.explanation.contains("model = flag/model (flag)"))
    }

    @Test func aBlankEnvironmentVariableLeavesTheFileInCharge() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("model = \"file/model\"\n")
        let config = try xdg.resolve(env: ["PRISM_MODEL": " \n"])
        #expect(config.model == ModelChoice(id: "file/model", source: .file))
    }

    @Test func demoModeFallsBackToADemoModelUnlessOneWasNamed() {
        // A flag is taken as given, demo model or not.
        #expect(ConfigLoader.chooseModel(flag: "openai/x", environment: "demo/instant", file: nil, demo: true)
            == ModelChoice(id: "openai/x", source: .flag))
        // A demo model from the environment or the file is kept.
        #expect(ConfigLoader.chooseModel(flag: nil, environment: "demo/instant", file: "demo/prism-coder", demo: true)
            == ModelChoice(id: "demo/instant", source: .environment))
        #expect(ConfigLoader.chooseModel(flag: nil, environment: nil, file: "demo/prism-coder", demo: true)
            == ModelChoice(id: "demo/prism-coder", source: .file))
        // A real model, which the demo cannot answer, gives way to the demo default; so does nothing at all.
        #expect(ConfigLoader.chooseModel(flag: nil, environment: "openai/gpt-5", file: "demo/prism-coder", demo: true)
            == ModelChoice(id: DemoModel.defaultID, source: .demo))
        #expect(ConfigLoader.chooseModel(flag: nil, environment: nil, file: nil, demo: true)
            == ModelChoice(id: DemoModel.defaultID, source: .demo))
    }

    @Test func theDemoFlagReachesResolution() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("model = \"anthropic/claude-sonnet-4\"\n")
        #expect(try xdg.resolve().model.id == "anthropic/claude-sonnet-4")
        let demo = try xdg.resolve(flags: ConfigOverrides(demo: true))
        #expect(demo.model == ModelChoice(id: DemoModel.defaultID, source: .demo))
        #expect(demo.source(of: .model) == .demo)
    }

    @Test func onlyTheBuiltInDefaultLeavesANewChatWithoutAModel() {
        #expect(ModelChoice.builtIn.chosen == nil)
        #expect(ModelChoice(id: "a/b", source: .file).chosen == "a/b")
        #expect(ModelChoice(id: "a/b", source: .environment).chosen == "a/b")
        #expect(ModelChoice(id: "a/b", source: .flag).chosen == "a/b")
        #expect(ModelChoice(id: DemoModel.defaultID, source: .demo).chosen == DemoModel.defaultID)
    }

    @Test func aResumedSessionKeepsItsModelUnlessTheFlagNamesAnother() {
        #expect(ModelChoice(id: "f/m", source: .flag).resuming("saved/m") == "f/m")
        #expect(ModelChoice(id: "f/m", source: .flag).resuming(nil) == "f/m")
        for source in [ConfigSource.environment, .file, .demo, .default] {
            #expect(ModelChoice(id: "other/m", source: source).resuming("saved/m") == "saved/m", "\(source)")
            #expect(ModelChoice(id: "other/m", source: source).resuming(nil) == nil, "\(source)")
        }
    }

    @Test func provenanceNamesWhatPickedTheModel() throws {
        #expect(ModelChoice(id: "f/m", source: .flag).provenance == nil, "the user just typed it")
        #expect(ModelChoice(id: "e/m", source: .environment).provenance == "the model, e/m, came from PRISM_MODEL")
        #expect(ModelChoice(id: "c/m", source: .file).provenance == "the model, c/m, came from config.toml model")
        let fallback = try #require(ModelChoice.builtIn.provenance)
        #expect(fallback.hasPrefix("the model, openrouter/auto, is the default"))
        #expect(fallback.contains("-m") && fallback.contains("PRISM_MODEL") && fallback.contains("config.toml"))
        #expect(ModelChoice(id: "e/m", source: .environment).description == "e/m (PRISM_MODEL)")
    }
}
