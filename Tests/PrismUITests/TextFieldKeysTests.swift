import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Two saved sessions in the browser's listing and a small catalog.
private final class FieldHarness: ReducerHarness, @unchecked Sendable {
    init() {
        super.init(size: Size(width: 160, height: 40))
        state.catalog = [ModelInfo(id: "a/one"), ModelInfo(id: "b/two")]
        send(.sessionsListed(SessionListing(sessions: [
            SessionSummary(Session(id: "20261120-100000-aaaa", title: "Oslo trip", createdAt: Date(timeIntervalSince1970: 0))),
            SessionSummary(Session(id: "20261121-100000-bbbb", title: "Parser refactor", createdAt: Date(timeIntervalSince1970: 0))),
        ])))
    }
}

/// The text fields of the chat screen, each opened by keys.
enum Field: String, CaseIterable, CustomTestStringConvertible {
    case prompt, pickerSearch, browserFilter, rename

    var testDescription: String { rawValue }

    /// Opens the field with keys and empties it the way a user would.
    fileprivate func open(_ h: FieldHarness) {
        switch self {
        case .prompt: break
        case .pickerSearch: h.key(.ctrl("p"))
        case .browserFilter: h.key(.ctrl("o"))
        case .rename:
            h.key(.ctrl("o"))
            h.key(.ctrl("r"))
            h.key(.ctrl("u"))
        }
    }

    fileprivate func text(_ h: FieldHarness) -> String? {
        switch self {
        case .prompt: h.state.prompt.text
        case .pickerSearch: h.state.picker.query
        case .browserFilter: h.state.browser.filter
        case .rename: h.state.browser.renaming?.editor.text
        }
    }
}

@Suite("Text fields: one editor, the same readline keys everywhere")
struct TextFieldKeysTests {
    @Test("readline keys", arguments: Field.allCases)
    func readlineKeys(field: Field) {
        let h = FieldHarness()
        field.open(h)
        #expect(field.text(h) == "", "the field starts empty (the rename field after Ctrl-U)")
        h.type("alpha beta")
        #expect(field.text(h) == "alpha beta")
        h.key(.ctrl("w"))
        #expect(field.text(h) == "alpha ")
        h.key(.ctrl("y"))
        #expect(field.text(h) == "alpha beta", "Ctrl-Y puts back what Ctrl-W cut")
        h.key(.ctrl("a")); h.key(.alt("f")); h.key(.ctrl("k"))
        #expect(field.text(h) == "alpha")
        h.key(.ctrl("y"))
        #expect(field.text(h) == "alpha beta")
        h.key(Key(.home)); h.key(Key(.delete))
        #expect(field.text(h) == "lpha beta")
        h.key(.ctrl("f")); h.type("X")
        #expect(field.text(h) == "lXpha beta")
        h.key(Key(.end)); h.key(Key(.backspace))
        #expect(field.text(h) == "lXpha bet")
        h.key(.alt("b")); h.key(.ctrl("b")); h.type("_")
        #expect(field.text(h) == "lXpha_ bet")
        h.key(Key(.left)); h.key(Key(.right)); h.key(Key(.right)); h.type("-")
        #expect(field.text(h) == "lXpha_ -bet")
        h.key(.ctrl("e")); h.key(.ctrl("u"))
        #expect(field.text(h) == "", "Ctrl-U cuts to the start of the line")
        h.key(.ctrl("y"))
        #expect(field.text(h) == "lXpha_ -bet")
        h.key(Key(.left, .control)); h.key(.ctrl("h"))
        #expect(field.text(h) == "lXpha_ bet")
    }

    @Test func ctrlYYanksInThePromptAndTheFrameShowsIt() {
        let h = FieldHarness()
        h.type("keep this part")
        h.key(.ctrl("w"))
        #expect(h.state.prompt.text == "keep this ")
        h.key(.ctrl("a")); h.key(.ctrl("y"))
        #expect(h.state.prompt.text == "partkeep this ")
        #expect(h.screen().contains("partkeep this"))
    }

    @Test func pickerSearchEditsInTheMiddleAndCtrlFMovesRatherThanStars() {
        let h = FieldHarness()
        h.key(.ctrl("p"))
        h.type("b/tw")
        h.key(.ctrl("a"))
        #expect(h.key(.ctrl("f")).isEmpty, "Ctrl-F moves the caret; it no longer stars a favourite")
        #expect(h.state.picker.favourites.isEmpty)
        h.key(.ctrl("d"))
        #expect(h.state.picker.query == "btw")
        h.key(.ctrl("e")); h.key(.ctrl("u"))
        #expect(h.state.picker.query.isEmpty)
        h.type("two")
        #expect(h.state.pickerSelectedModel?.id == "b/two")
        let effects = h.key(.ctrl("s"))
        #expect(effects == [.savePickerPreferences(favourites: ["b/two"], recents: [])], "Ctrl-S stars")
        #expect(h.state.picker.favourites == ["b/two"])
        h.key(.ctrl("u"))
        #expect(h.screen().contains("Ctrl-S favourite"))
    }

    @Test func theBrowserFilterClearsWithCtrlUAndCtrlSExports() {
        let h = FieldHarness()
        h.key(.ctrl("o"))
        h.type("oslo")
        #expect(h.state.browser.visible.map(\.title) == ["Oslo trip"])
        #expect(h.screen().contains("› oslo"))
        let cleared = h.key(.ctrl("u"))
        #expect(h.state.browser.filter.isEmpty)
        #expect(cleared.isEmpty, "an empty filter asks for no search")
        #expect(h.state.browser.visible.count == 2)
        h.type("pa"); h.key(.ctrl("a"))
        #expect(h.key(.ctrl("e")).isEmpty, "Ctrl-E goes to the end of the filter; it does not export")
        #expect(h.key(Key(.delete)).isEmpty && h.state.browser.confirmingDelete == nil, "Delete edits the filter")
        #expect(h.key(.ctrl("s")) == [.exportSession(id: "20261121-100000-bbbb")])
        h.key(.ctrl("d"))
        #expect(h.state.browser.confirmingDelete == "20261121-100000-bbbb", "Ctrl-D still deletes (after asking)")
    }

    @Test func renameStartsWithTheOldTitleAndCtrlUClearsIt() {
        let h = FieldHarness()
        h.key(.ctrl("o"))
        h.key(.ctrl("r"))
        #expect(h.state.browser.renaming?.editor.text == "Oslo trip")
        #expect(h.state.browser.renaming?.editor.isCaretAtEnd == true)
        #expect(h.screen().contains("rename: Oslo trip"))
        h.key(.ctrl("u"))
        h.type("Lexer rewrite")
        #expect(h.key(Key(.enter)) == [.renameSession(id: "20261120-100000-aaaa", title: "Lexer rewrite")])
        #expect(h.state.browser.sessions.map(\.title).contains("Lexer rewrite"))
        h.key(.ctrl("r"))
        h.key(Key(.backspace)); h.key(.alt("b")); h.type("big ")
        #expect(h.key(Key(.enter)) == [.renameSession(id: "20261120-100000-aaaa", title: "Lexer big rewrit")])
    }

    @Test func pastingIntoAFieldKeepsItOnOneLine() {
        let h = FieldHarness()
        h.key(.ctrl("o"))
        h.key(.ctrl("r"))
        h.key(.ctrl("u"))
        h.send(.input(.paste("two\nlines")))
        #expect(h.state.browser.renaming?.editor.text == "two lines", "a paste while renaming goes to the rename field")
        #expect(h.state.browser.filter.isEmpty)
        h.key(Key(.escape))
        h.send(.input(.paste("oslo\n")))
        #expect(h.state.browser.filter == "oslo ")
    }

    @Test func theCaretIsDrawnWhereTheEditorHasIt() {
        let h = FieldHarness()
        h.key(.ctrl("p"))
        h.type("abcd")
        var s = h.state
        let end = AppRenderer().render(&s, theme: UIFixtures.theme()).cursor
        h.key(Key(.left)); h.key(Key(.left))
        s = h.state
        let moved = AppRenderer().render(&s, theme: UIFixtures.theme()).cursor
        #expect(end != nil && moved != nil)
        #expect(moved.map(\.x) == end.map { $0.x - 2 })
    }
}
