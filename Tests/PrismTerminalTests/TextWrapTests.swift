import Testing
@testable import PrismTerminal

@Suite("Wrapping")
struct TextWrapTests {
    private func texts(_ s: String, _ w: Int) -> [String] { TextWrap.wrap(s, width: w).map(\.text) }

    @Test func wrapsAtSpacesAndBreaksLongWords() {
        #expect(texts("the quick brown fox", 10) == ["the quick", "brown fox"])
        #expect(texts("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(texts("", 5) == [""])
        #expect(texts("a\n\nb", 5) == ["a", "", "b"])
        #expect(texts("abc", 0) == [])
    }

    @Test func longWordsStartOnTheirOwnLineAndLeaveRoomAfter() {
        #expect(texts("ab abcdefghij", 4) == ["ab", "abcd", "efgh", "ij"])
        #expect(texts("abcdefghij k", 4) == ["abcd", "efgh", "ij k"])
        #expect(texts("see https://example.com/a/very/long/path ok", 12)
            == ["see", "https://exam", "ple.com/a/ve", "ry/long/path", "ok"])
    }

    @Test func spaces() {
        // Trailing spaces go, leading spaces (indentation) stay while the first word fits.
        #expect(texts("hello   ", 10) == ["hello"])
        #expect(texts("  indented text", 10) == ["  indented", "text"])
        #expect(texts("   abc", 3) == ["abc"])
        #expect(texts("     ", 3) == [""])
        // Runs of spaces inside a line are kept; at a break they are dropped.
        #expect(texts("a  b", 10) == ["a  b"])
        #expect(texts("a    b", 3) == ["a", "b"])
        #expect(texts("aaa bbb", 3) == ["aaa", "bbb"])
        #expect(texts("aaa  bbb", 4) == ["aaa", "bbb"])
    }

    @Test func wrapsCJKByDisplayWidth() {
        #expect(texts("你好世界你好", 5) == ["你好", "世界", "你好"])
        #expect(texts("你好世界", 4) == ["你好", "世界"])
        #expect(texts("abc世界", 4) == ["abc", "世界"])
        #expect(texts("ok 世界", 5) == ["ok 世", "界"])
        for line in TextWrap.wrap("混合 text 和中文 mixed", width: 7) {
            #expect(DisplayWidth.of(line.text) <= 7)
        }
    }

    @Test func wideGraphemesOnAOneCellLineAreReplaced() {
        #expect(texts("世", 1) == ["\u{FFFD}"])
        #expect(texts("a世b", 1) == ["a", "\u{FFFD}", "b"])
        #expect(texts("👍🏽 ok", 1) == ["\u{FFFD}", "o", "k"])
        #expect(texts("世界", 2) == ["世", "界"])
    }

    @Test func combiningMarksStayWithTheirLetter() {
        #expect(texts("e\u{301}e\u{301}e\u{301}", 2) == ["e\u{301}e\u{301}", "e\u{301}"])
    }

    @Test func keepsStylesAcrossBreaks() {
        let bold = Style(attributes: .bold)
        let line = StyledLine([Span("hello ", .plain), Span("bold world", bold)])
        let wrapped = TextWrap.wrap(line, width: 8)
        #expect(wrapped.map(\.text) == ["hello", "bold", "world"])
        #expect(wrapped[1].spans == [Span("bold", bold)])
        #expect(wrapped[2].spans == [Span("world", bold)])
        // A word that mixes styles is one word.
        let mixed = StyledLine([Span("ab", .plain), Span("cd", bold), Span(" ef", .plain)])
        #expect(TextWrap.wrap(mixed, width: 4).map(\.spans) == [[Span("ab"), Span("cd", bold)], [Span("ef")]])
    }

    @Test func firstLineCanBeNarrower() {
        let lines = TextWrap.wrap(StyledLine("one two three four"), firstWidth: 5, width: 10)
        #expect(lines.map(\.text) == ["one", "two three", "four"])
    }

    @Test func hangingIndentForListItems() {
        let dim = Style(attributes: .dim)
        let lines = TextWrap.wrap(StyledLine("alpha beta gamma delta"), width: 12, prefix: StyledLine("• ", dim))
        #expect(lines.map(\.text) == ["• alpha beta", "  gamma", "  delta"])
        #expect(lines[0].spans.first == Span("• ", dim))
        let numbered = TextWrap.wrap(
            StyledLine("alpha beta gamma"), width: 10, prefix: StyledLine("12. "), continuation: StyledLine("  > "))
        #expect(numbered.map(\.text) == ["12. alpha", "  > beta", "  > gamma"])
        // Several lines with the same prefix.
        let quoted = TextWrap.wrap([StyledLine("aa bb"), StyledLine("cc")], width: 4, prefix: StyledLine("│ "), continuation: StyledLine("│ "))
        #expect(quoted.map(\.text) == ["│ aa", "│ bb", "│ cc"])
        // An empty item still shows its bullet.
        #expect(TextWrap.wrap(StyledLine(), width: 5, prefix: StyledLine("- ")).map(\.text) == ["- "])
        // A prefix that leaves no room is dropped rather than overflowing.
        #expect(TextWrap.wrap(StyledLine("ab"), width: 2, prefix: StyledLine("12. ")).map(\.text) == ["ab"])
    }

    @Test func neverWiderThanTheLineAndNothingLost() {
        var rng = SplitMix64(seed: 0x5EED)
        let pieces = ["a", "b", "word", "x", " ", " ", "  ", "中", "文字", "😀", "👍🏽", "👩‍💻", "🇳🇴", "e\u{301}", "ก\u{0E35}", "-", "longerword"]
        for _ in 0..<2_000 {
            let count = Int(rng.next() % 20)
            let text = (0..<count).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let width = 1 + Int(rng.next() % 20)
            let lines = TextWrap.wrap(StyledLine(text), width: width)
            #expect(!lines.isEmpty)
            for line in lines {
                #expect(DisplayWidth.of(line.text) <= width, "\(text.debugDescription) at \(width): \(line.text.debugDescription)")
            }
            // Every non-space grapheme survives (replaced only when wider than the line).
            let kept = lines.map(\.text).joined().filter { $0 != " " }
            let expected = text.filter { $0 != " " }.map { DisplayWidth.of($0) > width ? TextWrap.replacement : $0 }
            #expect(Array(kept) == expected, "\(text.debugDescription) at \(width)")
        }
    }
}

/// A small deterministic random generator, so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
