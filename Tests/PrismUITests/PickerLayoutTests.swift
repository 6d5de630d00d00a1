import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Long ids side by side, as OpenRouter lists them.
private final class LongIDHarness: ReducerHarness, @unchecked Sendable {
    static let ids = ["google/gemini-2.5-flash-preview-09-2025", "google/gemini-2.5-flash-lite-preview-09-2025",
                      "google/gemini-2.5-flash-image-preview", "a/one"]

    init(width: Int) {
        super.init(model: "a/one", size: Size(width: width, height: 30))
        state.catalog = Self.ids.map { ModelInfo(id: $0) }
        key(.ctrl("p"))
    }

    var lines: [String] { screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The column (in characters) where `id` starts on its row.
    func column(of id: String) -> Int? {
        for line in lines {
            if let range = line.range(of: id) { return line.distance(from: line.startIndex, to: range.lowerBound) }
        }
        return nil
    }
}

@Suite("Picker layout: sized to its content")
struct PickerLayoutTests {
    @Test func at120ColumnsEveryIdIsWhole() {
        let h = LongIDHarness(width: 120)
        let screen = h.screen()
        for id in LongIDHarness.ids { #expect(screen.contains(id + " "), "\(id) cut in\n\(screen)") }
        #expect(!h.lines.contains { $0.contains("google/") && $0.contains("…") }, "\(screen)")
    }

    @Test func theFeaturesColumnShowsWhenItFitsAndThePickerIsNoWiderThanItsContent() {
        let wide = LongIDHarness(width: 200)
        #expect(wide.screen().contains("FEATURES"))
        let layout = Layout(size: wide.state.size, focus: .picker, promptLines: 1, pickerWidth: PickerPane.sizer(wide.state))
        let longest = LongIDHarness.ids.map(\.count).max()!
        #expect(layout.picker?.width == 2 + PickerPane.Columns.fixedWidth(context: true, badges: true) + longest)
        #expect(!LongIDHarness(width: 120).screen().contains("FEATURES"), "at 120 the ids come first")
    }

    @Test func theCurrentModelsDotDoesNotShiftItsId() {
        let h = LongIDHarness(width: 160)
        #expect(h.screen().contains("●"))
        let current = h.column(of: "a/one"), other = h.column(of: "google/gemini-2.5-flash-image-preview")
        #expect(current != nil && current == other)
    }

    @Test func starringKeepsTheHighlightOnTheSameModel() {
        let h = LongIDHarness(width: 160)
        h.key(Key(.down)); h.key(Key(.down))
        let chosen = h.state.pickerSelectedModel?.id
        #expect(chosen != nil && h.state.picker.selection == 2)
        h.key(.ctrl("s"))
        #expect(h.state.picker.favourites == [chosen!])
        #expect(h.state.pickerSelectedModel?.id == chosen, "the highlight moved with the model to the top")
        #expect(h.state.picker.selection == 0)
        h.key(.ctrl("s"))
        #expect(h.state.pickerSelectedModel?.id == chosen, "and back when unstarred")
    }
}
