import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Three catalog models, two of them Claude.
private final class PickerHarness: ReducerHarness, @unchecked Sendable {
    init() {
        super.init(model: "openai/gpt-5-mini", size: Size(width: 200, height: 60))
        state.catalog = [ModelInfo(id: "anthropic/claude-sonnet-4.5"), ModelInfo(id: "anthropic/claude-opus-4.1"),
                         ModelInfo(id: "openai/gpt-5-mini")]
    }
}

@Suite("Picker keys: typing types, Ctrl-T marks")
struct PickerKeysTests {
    @Test func spaceIsTypedIntoTheQueryAndSeparatesWords() {
        let h = PickerHarness()
        h.key(.ctrl("p"))
        h.type("claude sonnet")
        #expect(h.state.picker.query == "claude sonnet")
        #expect(h.state.picker.marked.isEmpty, "Space never marks")
        #expect(h.state.picker.visibleModels(in: h.state.catalog).map(\.id) == ["anthropic/claude-sonnet-4.5"])
        #expect(h.state.pickerSelectedModel?.id == "anthropic/claude-sonnet-4.5")
        let screen = h.screen()
        #expect(screen.contains("› claude sonnet"))
        #expect(!screen.contains("claude-opus"))
        #expect(!screen.contains("✓"))
    }

    @Test func ctrlTAndInsertMarkTheSelectedModelWithoutOpeningThemes() {
        let h = PickerHarness()
        h.key(.ctrl("p"))
        h.type("claude")
        h.key(.ctrl("t"))
        #expect(h.state.focus == .picker, "inside the picker Ctrl-T marks, it does not open the theme switcher")
        #expect(h.state.picker.query == "claude")
        h.key(Key(.down))
        let effects = h.key(Key(.insert))
        #expect(effects.isEmpty)
        #expect(Set(h.state.picker.marked) == ["anthropic/claude-sonnet-4.5", "anthropic/claude-opus-4.1"])
        #expect(h.screen().contains("2 marked · Enter compare · Ctrl-T mark · Esc close"))
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked.count == 1, "a second press unmarks")
        h.key(.ctrl("u"))
        h.type("gpt")
        h.key(.ctrl("t"))
        #expect(h.state.picker.marked.count == 2)
        h.key(Key(.enter))
        #expect(h.state.isComparing, "two marks, then Enter, compares")
    }

    @Test func theFooterAndTheNoticeNameTheMarkKey() {
        let h = PickerHarness()
        h.key(.ctrl("p"))
        #expect(h.screen().contains("Ctrl-T mark to compare"))
        h.key(.ctrl("t"))
        h.key(Key(.enter))
        #expect(h.state.notice?.text == "compare needs 2 to 4 models: Ctrl-T marks them")
        #expect(h.state.focus == .picker)
    }

    @Test func outsideThePickerCtrlTStillOpensTheThemeSwitcher() {
        let h = PickerHarness()
        #expect(h.key(.ctrl("t")) == [.listThemes])
        #expect(h.state.focus == .themes)
    }

    @Test func theHelpOverlaySaysWhichKeyMarks() {
        let h = PickerHarness()
        h.state.size = Size(width: 200, height: 120)
        h.key(Key(.function(1)))
        let screen = h.screen()
        #expect(screen.contains("Ctrl-T or Insert marks a model to compare"))
        #expect(screen.contains("Ctrl-T marks models in the picker"))
        #expect(!screen.contains("Space mark"))
    }
}
