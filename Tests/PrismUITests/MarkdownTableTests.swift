import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Markdown tables")
struct MarkdownTableTests {
    let table = "| Name | Qty | Note |\n|:-----|----:|:----:|\n| Apple | 3 | ok |\n| Banana | 12 | `ripe` |"

    @Test func naturalWidthsWithAlignment() {
        for width in [40, 80] {
            #expect(MD.texts(table, width: width) == [
                " Name   │ Qty │ Note",
                "────────┼─────┼──────",
                " Apple  │   3 │  ok",
                " Banana │  12 │ ripe",
            ])
        }
        let lines = MD.render(table, width: 80)
        #expect(MD.style(of: "Name", in: lines) == MD.theme[.strong].adding(.bold))
        #expect(MD.style(of: "ripe", in: lines) == MD.theme[.code])
        #expect(MD.style(of: "┼", in: lines) == MD.theme[.textMuted])
    }

    @Test func shrinksInProportionAndWrapsCells() {
        let wide = "| Term | Meaning |\n|---|---|\n| cache | a store of results kept so work is not done twice |"
        let lines = MD.texts(wide, width: 20)
        #expect(lines.first == " Term  │ Meaning")
        #expect(lines.count > 3)
        #expect(lines.dropFirst(2).map { $0.split(separator: "│").last.map { String($0).trimmingMarkdownPadding } ?? "" }
            .joined(separator: " ").split(separator: " ").joined(separator: " ") == "a store of results kept so work is not done twice")
    }

    @Test(arguments: MD.widths) func cjkAndEmojiCellsFitByDisplayWidth(width: Int) {
        let text = "| 名前 | 説明 |\n|---|---|\n| 東京 | 日本の首都で、とても大きな都市です 🗼 |\n| 👩‍💻 | コード 🎉🎉🎉 |"
        let lines = MD.render(text, width: width)
        #expect(lines.allSatisfy { DisplayWidth.of($0.text) <= width })
        #expect(lines.map(\.text).joined().contains("🗼"))
    }

    @Test func shrinkKeepsTheTotalAndAMinimumOfThree() {
        let widths = MarkdownTable.shrink([30, 10, 2], to: 20)
        #expect(widths.reduce(0, +) == 20)
        #expect(widths[2] == 2 && widths[1] >= 3 && widths[0] > widths[1])
    }

    @Test func tooNarrowBecomesHeaderValueRecords() {
        let text = "| a | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 | 6 | 7 | 8 |"
        #expect(MD.texts(text, width: 12) == ["a: 1", "b: 2", "c: 3", "d: 4", "────────────", "a: 5", "b: 6", "c: 7", "d: 8"])
    }

    @Test func raggedRowsArePaddedOrCut() {
        #expect(MD.texts("| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |", width: 40) == [" a │ b", "───┼───", " 1 │", " 1 │ 2"])
    }
}
