import Testing
@testable import PrismTerminal

@Suite("Frame")
struct FrameTests {
    @Test func putPlacesWideGraphemesAndClips() {
        var f = Frame(size: Size(width: 8, height: 2))
        let end = f.put("a世界bc", at: Point(x: 0, y: 0), style: .plain)
        #expect(end == 7)
        #expect(f.text() == "a世界bc\n")
        #expect(f[1, 0].width == 2 && f[2, 0].isContinuation)
        // A wide grapheme that would straddle the clip edge becomes a blank.
        f.put("xyz世", at: Point(x: 0, y: 1), style: .plain, clip: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(f.text() == "a世界bc\nxyz")
    }

    @Test func controlCharactersNeverReachACell() {
        var f = Frame(size: Size(width: 6, height: 1))
        f.put("a\u{1B}b", at: Point(x: 0, y: 0), style: .plain)
        #expect(!f.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value == 0x1B } })
    }
}

@Suite("Wrapping")
struct WrapTests {
    private func texts(_ s: String, _ w: Int) -> [String] { TextWrap.wrap(s, width: w).map(\.text) }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        #expect(texts("the quick brown fox", 10) == ["the quick", "brown fox"])
        #expect(texts("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(texts("", 5) == [""])
        #expect(texts("a\n\nb", 5) == ["a", "", "b"])
    }

    @Test func wrapsCJKByDisplayWidth() {
        #expect(texts("你好世界你好", 5) == ["你好", "世界", "你好"])
        for line in TextWrap.wrap("混合 text 和中文 mixed", width: 7) {
            #expect(DisplayWidth.of(line.text) <= 7)
        }
    }

    @Test func keepsStylesAcrossBreaks() {
        let bold = Style(attributes: .bold)
        let line = StyledLine([Span("hello ", .plain), Span("bold world", bold)])
        let wrapped = TextWrap.wrap(line, width: 8)
        #expect(wrapped.map(\.text) == ["hello", "bold", "world"])
        #expect(wrapped[2].spans.first?.style == bold)
    }
}
