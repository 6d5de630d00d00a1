import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Markdown block splitter")
struct MarkdownSplitterTests {
    private func split(_ text: String) -> (kinds: [MarkdownBlockKind], sources: [String], finished: Int) {
        let s = MarkdownBlockSplitter(text: text)
        return (s.blocks.map(\.kind), s.blocks.map { s.source(of: $0) }, s.finishedBlocks.count)
    }

    @Test func headingFinishesAtItsNewline() {
        var s = MarkdownBlockSplitter()
        s.append("# Tit")
        #expect(s.finishedBlocks.isEmpty)
        #expect(s.pendingBlocks.map(\.kind) == [.heading(level: 1)])
        s.append("le\nText")
        #expect(s.finishedBlocks.map(\.kind) == [.heading(level: 1)])
        #expect(s.source(of: s.finishedBlocks[0]) == "# Title")
        #expect(s.pendingBlocks.map(\.kind) == [.paragraph])
    }

    @Test func paragraphFinishesAtABlankLineOnly() {
        var s = MarkdownBlockSplitter(text: "one\ntwo\n")
        #expect(s.finishedBlocks.isEmpty)
        s.append("\n")
        #expect(s.finishedBlocks.count == 1)
        #expect(s.source(of: s.finishedBlocks[0]) == "one\ntwo")
        #expect(s.pendingBlocks.isEmpty)
    }

    @Test func fencesOfBothKindsKeepBlankLinesAndOtherFences() {
        let r = split("```swift\nlet a = 1\n\nlet b = 2\n```\n~~~\n```\nnot closed by backticks\n~~~~\ntail")
        #expect(r.kinds == [.code, .code, .paragraph])
        #expect(r.sources == ["```swift\nlet a = 1\n\nlet b = 2\n```", "~~~\n```\nnot closed by backticks\n~~~~", "tail"])
        #expect(r.finished == 2)
    }

    @Test func listItemsKeepIndentedContentAcrossBlankLines() {
        let text = "1. Install:\n\n   ```bash\n   npm i\n\n   ```\n2. Run\n   more text\n\nAfter"
        let s = MarkdownBlockSplitter(text: text)
        #expect(s.blocks.map(\.kind) == [.listItem, .listItem, .paragraph])
        #expect(s.blocks.map { s.source(of: $0) } == ["1. Install:\n\n   ```bash\n   npm i\n\n   ```", "2. Run\n   more text", "After"])
        #expect(s.blocks.map(\.spacedBefore) == [false, false, true])
    }

    @Test func nestedItemsAndLazyLinesStayInTheirTopLevelItem() {
        let r = split("- a\n  - b\n    - c\nlazy\n- d")
        #expect(r.kinds == [.listItem, .listItem])
        #expect(r.sources == ["- a\n  - b\n    - c\nlazy", "- d"])
    }

    @Test func tableTakesTheParagraphsLastLineAndEndsAtANonTableLine() {
        let r = split("Intro line\n| a | b |\n|---|:-:|\n| 1 | 2 |\nafter\n")
        #expect(r.kinds == [.paragraph, .table, .paragraph])
        #expect(r.sources == ["Intro line", "| a | b |\n|---|:-:|\n| 1 | 2 |", "after"])
        #expect(r.finished == 2)
        // A delimiter row with another column count is not a table.
        #expect(split("a | b\n---").kinds == [.setextHeading(level: 2)])
    }

    @Test func replyEndingMidBlockIsPending() {
        var s = MarkdownBlockSplitter(text: "text\n```py\nprint(1")
        #expect(s.finishedBlocks.map(\.kind) == [.paragraph])
        #expect(s.pendingBlocks.map(\.kind) == [.code])
        #expect(s.source(of: s.pendingBlocks[0]) == "```py\nprint(1")
        // A closing fence without its newline already closes the block in the preview.
        s.append(")\n```")
        #expect(s.pendingBlocks.count == 1)
        s.append("\n")
        #expect(s.finishedBlocks.count == 2 && s.pendingBlocks.isEmpty)
    }

    @Test func setextHeadingsRulesAndQuotes() {
        #expect(split("Title\n===\n\n***\n> a\n> b\nlazy\n\n> c").kinds
            == [.setextHeading(level: 1), .thematicBreak, .quote, .quote])
        #expect(split("a\n\n---").kinds == [.paragraph, .thematicBreak])
        #expect(split("**bold** start\n* item").kinds == [.paragraph, .listItem])
        #expect(split("costs\n2. not a list").kinds == [.paragraph])
    }

    @Test func carriageReturnsAreTolerated() {
        let r = split("# A\r\n\r\npara\r\n")
        #expect(r.kinds == [.heading(level: 1), .paragraph])
    }

    @Test func finishedBlocksOnlyGrowWhileStreaming() {
        let text = "# H\npara *x*\n\n- a\n- b\n\n```\ncode\n```\n| a |\n|---|\n| 1 |\n\n> q\n"
        var s = MarkdownBlockSplitter()
        var previous: [MarkdownBlock] = []
        for scalar in text.unicodeScalars {
            s.append(String(scalar))
            #expect(Array(s.finishedBlocks.prefix(previous.count)) == previous)
            previous = s.finishedBlocks
        }
        #expect(s.blocks == MarkdownBlockSplitter(text: text).blocks)
        #expect(s.text == text)
    }
}
