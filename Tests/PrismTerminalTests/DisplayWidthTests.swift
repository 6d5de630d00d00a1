import Testing
@testable import PrismTerminal

@Suite("DisplayWidth")
struct DisplayWidthTests {
    @Test func asciiIsOneCellPerCharacter() {
        #expect(DisplayWidth.of("hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
        #expect(DisplayWidth.of(Character("a")) == 1)
        // CR LF is one grapheme cluster, on the fast path as well.
        #expect(DisplayWidth.of("a\r\nb") == 3)
        #expect(DisplayWidth.of("a\nb") == 3)
        // A long ASCII string takes the byte fast path and still agrees with the slow one.
        let long = String(repeating: "abc def ", count: 100)
        #expect(DisplayWidth.of(long) == long.reduce(0) { $0 + DisplayWidth.of($1) })
    }

    @Test func eastAsianWideIsTwo() {
        #expect(DisplayWidth.of("中") == 2)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("ひらがな") == 8)
        #expect(DisplayWidth.of("한국어") == 6) // precomposed Hangul
        #expect(DisplayWidth.of("\u{1112}\u{1161}\u{11AB}") == 2) // conjoining jamo, one cluster
        #expect(DisplayWidth.of("ＡＢ") == 4) // fullwidth forms
        #expect(DisplayWidth.of("！") == 2)
        #expect(DisplayWidth.of("\u{3000}") == 2) // ideographic space
        #expect(DisplayWidth.of("ｱ") == 1) // halfwidth katakana
        #expect(DisplayWidth.of("a中b") == 4)
    }

    @Test func combiningMarksAddNothing() {
        #expect(DisplayWidth.of("e\u{0301}") == 1)
        #expect(DisplayWidth.of("é") == 1)
        #expect(DisplayWidth.of("a\u{0308}\u{0323}") == 1)
        #expect(DisplayWidth.of("Z\u{0351}\u{0352}\u{0353}\u{0354}") == 1)
        // A cluster that starts with a mark (a span that starts mid-word) joins the cell before.
        #expect(DisplayWidth.of("\u{0301}") == 0)
        #expect(DisplayWidth.of(Character("\u{0301}")) == 0)
    }

    @Test func emojiFollowThePresentationPolicy() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("❤\u{FE0F}") == 2)
        #expect(DisplayWidth.of("❤") == 1)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("👩‍💻") == 2)
        #expect(DisplayWidth.of("👩‍👩‍👧‍👦") == 2)
        #expect(DisplayWidth.of("🇳🇴") == 2)
        #expect(DisplayWidth.of("🇳🇴🇸🇪") == 4)
        #expect(DisplayWidth.of("1\u{FE0F}\u{20E3}") == 2) // keycap
        #expect(DisplayWidth.of("⌚") == 2) // emoji presentation by default
        #expect(DisplayWidth.of("\u{1F321}") == 1) // thermometer: text presentation by default
        #expect(DisplayWidth.of("\u{1F321}\u{FE0F}") == 2)
        #expect(DisplayWidth.of("a\u{FE0F}") == 1) // FE0F after a non-emoji changes nothing
        #expect(DisplayWidth.of("ok 👍") == 5)
    }

    @Test func zeroWidthCharacters() {
        #expect(DisplayWidth.of("\u{200B}") == 0) // zero-width space
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
        #expect(DisplayWidth.of("\u{200D}") == 0) // zero-width joiner
        #expect(DisplayWidth.of("a\u{200D}b") == 2)
        #expect(DisplayWidth.of("\u{FEFF}") == 0)
        #expect(DisplayWidth.scalarWidth("\u{FE0F}") == 0)
    }

    @Test func thaiAndIndicMarks() {
        #expect(DisplayWidth.of("ภาษาไทย") == 7)
        #expect(DisplayWidth.of("กี") == 1) // U+0E35 sits above
        #expect(DisplayWidth.of("กั") == 1)
        #expect(DisplayWidth.of("ที่") == 1) // two marks above
        #expect(DisplayWidth.of("กำ") == 2) // SARA AM takes a cell
        #expect(DisplayWidth.of("कि") == 2) // Devanagari vowel sign I is a spacing mark
        #expect(DisplayWidth.of("क्") == 1) // virama does not space
    }

    @Test func everyClusterAgreesWithTheStringSum() {
        let samples = ["abc", "日本", "e\u{0301}x", "👍🏽!", "🇳🇴x", "กำลัง", "Ｘ y"]
        for s in samples {
            #expect(DisplayWidth.of(s) == s.reduce(0) { $0 + DisplayWidth.of($1) }, "\(s)")
        }
    }
}
