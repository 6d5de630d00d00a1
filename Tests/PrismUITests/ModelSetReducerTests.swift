import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Five catalog models, one set from config.toml and one saved set.
private final class SetsHarness: ReducerHarness, @unchecked Sendable {
    static let configured = ModelSet(name: "fast", models: ["a/one", "b/two"])
    static let saved = ModelSet(name: "trio", models: ["c/three", "d/four", "e/five"])

    init() {
        super.init()
        state.catalog = ["a/one", "b/two", "c/three", "d/four", "e/five"].map { ModelInfo(id: $0) }
        state.modelSets = ModelSets(configured: [Self.configured], saved: [Self.saved])
    }

    static func isPersist(_ e: Effect) -> Bool { if case .saveModelSets = e { true } else { false } }
}

@Suite("Reducer: model sets")
struct ModelSetReducerTests {
    @Test func setNameEntersCompareWithTheSetsModels() {
        let h = SetsHarness()
        let effects = h.command("/set trio")
        #expect(h.state.comparedModels == ["c/three", "d/four", "e/five"])
        #expect(h.state.session.compare?.models == ["c/three", "d/four", "e/five"])
        #expect(h.state.notice?.text.hasPrefix("comparing set trio: 3 models") == true)
        #expect(h.state.prompt.isEmpty)
        #expect(!effects.contains(where: SetsHarness.isPersist), "using a set changes nothing on disk")
    }

    @Test func compareWithOneWordUsesASet() {
        let h = SetsHarness()
        h.command("/compare fast")
        #expect(h.state.comparedModels == ["a/one", "b/two"])
        h.command("/compare a/one c/three")
        #expect(h.state.comparedModels == ["a/one", "c/three"], "two words are still models")
    }

    @Test func anUnknownSetIsAnErrorNamingTheKnownOnes() {
        let h = SetsHarness()
        let effects = h.command("/set nope")
        #expect(effects.isEmpty)
        #expect(!h.state.isComparing)
        #expect(h.state.notice == Notice("unknown set 'nope'; sets: fast, trio", kind: .error, expires: h.state.now.addingTimeInterval(8)))
        h.state.modelSets = ModelSets()
        h.command("/compare nope")
        #expect(h.state.notice?.text.contains("no sets yet") == true)
    }

    @Test func saveTakesTheComparePanes() {
        let h = SetsHarness()
        h.command("/compare a/one c/three e/five")
        let effects = h.command("/set save wide")
        #expect(h.state.modelSets.saved == [SetsHarness.saved, ModelSet(name: "wide", models: ["a/one", "c/three", "e/five"])])
        #expect(effects == [.saveModelSets(before: [SetsHarness.saved], after: h.state.modelSets.saved)])
        #expect(h.state.notice?.text == "saved set wide (/set wide compares them): a/one, c/three, e/five")
        #expect(h.state.notice?.kind == .info)
    }

    @Test func saveTakesThePickersMarksOutsideCompareMode() {
        let h = SetsHarness()
        h.key(.ctrl("p"))
        let rows = h.state.pickerSets.count
        h.state.picker.selection = rows + 1; h.key(.ctrl("t"))      // b/two
        h.state.picker.selection = rows + 3; h.key(.ctrl("t"))      // d/four
        h.key(Key(.escape))
        #expect(h.state.picker.marked == ["b/two", "d/four"])
        h.command("/set save pair")
        #expect(h.state.modelSets.named("pair")?.models == ["b/two", "d/four"])
    }

    @Test func saveWithListedModelsAndOverwritingASavedSet() {
        let h = SetsHarness()
        h.command("/set save trio a/one b/two")
        #expect(h.state.modelSets.saved == [ModelSet(name: "trio", models: ["a/one", "b/two"])])
        #expect(h.state.notice?.text.hasPrefix("updated set trio") == true)
    }

    @Test func saveRefusesTooFewModelsBadNamesAndConfigNames() {
        let h = SetsHarness()
        let before = h.state.modelSets
        #expect(h.command("/set save lonely").isEmpty)
        #expect(h.state.notice?.text == "nothing to save: compare 2 to 4 models first, or: /set save lonely MODEL MODEL")
        #expect(h.command("/set save lonely a/one").isEmpty)
        #expect(h.state.notice?.text == "cannot save 'lonely': a set needs 2 to 4 models, not 1")
        #expect(h.command("/set save lonely a/one a/one").isEmpty)
        #expect(h.state.notice?.text == "cannot save 'lonely': 'a/one' is listed twice")
        #expect(h.command("/set save a/b a/one b/two").isEmpty)
        #expect(h.state.notice?.text == "cannot save 'a/b': a set name may use only letters, digits, '-' and '_'")
        #expect(h.command("/set save fast c/three d/four").isEmpty)
        #expect(h.state.notice?.text == "cannot save 'fast': config.toml defines it: edit it there or pick another name")
        #expect(h.command("/set save").isEmpty)
        #expect(h.state.notice?.text == "usage: /set save NAME [MODEL MODEL [MODEL] [MODEL]]")
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.modelSets == before)
    }

    @Test func deleteRemovesASavedSetOnly() {
        let h = SetsHarness()
        #expect(h.command("/set delete fast").isEmpty)
        #expect(h.state.notice?.text == "set 'fast' is defined in config.toml: remove it there")
        #expect(h.command("/set delete nope").isEmpty)
        #expect(h.state.notice?.text == "unknown set 'nope'; sets: fast, trio")
        let effects = h.command("/set delete trio")
        #expect(effects == [.saveModelSets(before: [SetsHarness.saved], after: [])])
        #expect(h.state.modelSets.saved.isEmpty)
        #expect(h.state.notice?.text == "deleted set trio")
        h.command("/set trio")
        #expect(!h.state.isComparing && h.state.notice?.kind == .error)
    }

    @Test func setsListsThemAtTheTopOfThePicker() {
        let h = SetsHarness()
        let effects = h.command("/sets")
        #expect(effects == [.loadCatalog(refresh: false)])
        #expect(h.state.focus == .picker)
        #expect(h.state.pickerSelectedRow == .set(SetsHarness.configured))
        #expect(h.state.notice?.text == "2 sets: Enter compares one · Ctrl-T marks its models")
        h.send(.catalogLoaded(CatalogSnapshot(fetchedAt: h.state.now, baseURL: "x", models: h.state.catalog)))
        #expect(h.state.picker.selection == 0, "the catalog arriving does not move the selection off the sets")
        h.state.modelSets = ModelSets()
        h.state.focus = .prompt
        h.command("/set")
        #expect(h.state.focus == .prompt, "with no sets there is nothing to show")
        #expect(h.state.notice?.text.contains("add a [sets] table to config.toml") == true)
    }
}

@Suite("Reducer: model sets in the picker")
struct ModelSetPickerTests {
    @Test func setRowsComeFirstAndEnterComparesOne() {
        let h = SetsHarness()
        h.key(.ctrl("p"))
        #expect(h.state.pickerRowCount == 7)
        #expect(h.state.pickerSelectedModel?.id == "a/one", "the current model is selected, below the sets")
        h.key(Key(.up))
        #expect(h.state.pickerSelectedRow == .set(SetsHarness.saved))
        h.key(Key(.up)); h.key(Key(.up))
        #expect(h.state.picker.selection == 0, "stops at the top")
        #expect(h.state.pickerSelectedRow == .set(SetsHarness.configured))
        h.key(Key(.enter))
        #expect(h.state.comparedModels == ["a/one", "b/two"])
        #expect(h.state.focus == .prompt)
    }

    @Test func ctrlTOnASetMarksExactlyItsModels() {
        let h = SetsHarness()
        h.key(.ctrl("p"))
        h.state.picker.selection = 1
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked == ["c/three", "d/four", "e/five"])
        h.state.picker.selection = 2 + 1                              // b/two
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked == ["c/three", "d/four", "e/five", "b/two"])
        h.state.picker.selection = 1
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked == ["c/three", "d/four", "e/five"], "marks it again exactly")
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked.isEmpty, "a second Ctrl-T clears them")
    }

    @Test func typingFiltersSetsByNameAndFavouritesSkipSetRows() {
        let h = SetsHarness()
        h.key(.ctrl("p"))
        for c in "tri" { h.key(.char(c)) }
        #expect(h.state.pickerSets == [SetsHarness.saved])
        #expect(h.state.pickerSelectedRow == .set(SetsHarness.saved))
        #expect(h.key(.ctrl("s")).isEmpty)
        #expect(h.state.picker.favourites.isEmpty)
        h.key(.ctrl("u"))
        for c in "one" { h.key(.char(c)) }
        #expect(h.state.pickerSets.isEmpty)
        #expect(h.state.pickerSelectedModel?.id == "a/one")
    }

    @Test func enterOnAModelRowStillChoosesIt() {
        let h = SetsHarness()
        h.key(.ctrl("p"))
        h.state.picker.selection = 2 + 2
        h.key(Key(.enter))
        #expect(!h.state.isComparing)
        #expect(h.state.session.model == "c/three")
    }

    @Test func aSetWithAModelMissingFromTheCatalogSaysSo() {
        let h = SetsHarness()
        h.state.modelSets.configured.append(ModelSet(name: "typo", models: ["a/one", "b/twoo"]))
        h.command("/set typo")
        #expect(h.state.comparedModels == ["a/one", "b/twoo"])
        #expect(h.state.notice == Notice("comparing 2 models, but not in the catalog: b/twoo", kind: .error, expires: h.state.now.addingTimeInterval(8)))
    }
}

@Suite("Reducer: Tab completes slash commands and set names")
struct SlashCompletionTests {
    private func tab(_ text: String) -> (text: String, focus: AppState.Focus) {
        let h = SetsHarness()
        for c in text { h.key(.char(c)) }
        h.key(Key(.tab))
        return (h.state.prompt.text, h.state.focus)
    }

    @Test func completesCommandsAndSetNames() {
        #expect(tab("/ti") == ("/title ", .prompt))
        #expect(tab("/se") == ("/set", .prompt), "as far as /set and /sets agree")
        #expect(tab("/set") == ("/set", .prompt), "ambiguous: nothing more to add, and focus stays")
        #expect(tab("/set t") == ("/set trio", .prompt))
        #expect(tab("/set s") == ("/set save", .prompt))
        #expect(tab("/compare f") == ("/compare fast", .prompt))
        #expect(tab("/set delete tr") == ("/set delete trio", .prompt))
    }

    @Test func otherwiseTabStillFocusesTheTranscript() {
        #expect(tab("hello").focus == .transcript)
        #expect(tab("/model x").focus == .transcript)
        #expect(tab("/set zz").focus == .transcript)
    }

    @Test func hintsNameTheChoices() {
        let sets = ModelSets(configured: [SetsHarness.configured], saved: [SetsHarness.saved])
        #expect(SlashCompletion.hint("/compare ", sets: sets) == "Tab: fast · trio")
        #expect(SlashCompletion.hint("/set", sets: sets)?.hasPrefix("/set NAME: compare a model set") == true)
        #expect(SlashCompletion.hint("/s", sets: sets) == "/system · /set · /sets · /stats")
        #expect(SlashCompletion.hint("/set fast", sets: sets)?.hasPrefix("/set NAME") == true, "a complete name shows the usage")
        #expect(SlashCompletion.hint("hello", sets: sets) == nil)
        #expect(SlashCompletion.hint("//not a command", sets: sets) == nil)
    }
}
