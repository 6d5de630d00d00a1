import Testing
@testable import PrismTerminal

@Suite("Glyph: grapheme clusters stored inline in a cell")
struct GlyphTests {
    @Test("round-trips clusters of every length, inline and interned", arguments: [
        "", " ", "a", "é", "漢", "😀", "e\u{301}", "👍🏽", "🇳🇴", "1️⃣", "👩‍💻",
        "12345678", "123456789012345", "1234567890123456", "👨‍👩‍👧‍👦", "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}",
    ])
    func roundTrips(_ text: String) {
        #expect(Glyph(text).string == text)
        #expect(Glyph(text) == Glyph(text))
        #expect(Glyph(text).isEmpty == text.isEmpty)
    }

    @Test("a scalar glyph equals the same text's glyph, bit for bit")
    func scalarMatchesText() {
        for v: UInt32 in [0x20, 0x41, 0x7E, 0xE9, 0x7FF, 0x800, 0x2500, 0x2800, 0x6F22, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF] {
            let scalar = Unicode.Scalar(v)!
            #expect(Glyph(scalar: scalar) == Glyph(String(scalar)), "U+\(String(v, radix: 16))")
            #expect(Glyph(scalar: scalar).string == String(scalar))
        }
        #expect(Glyph(ascii: 0x41) == Glyph("A"))
    }

    @Test("different clusters differ; only a single ASCII byte has an ASCII value")
    func distinct() {
        #expect(Glyph("a") != Glyph("b"))
        #expect(Glyph("👨‍👩‍👧‍👦") != Glyph("👨‍👩‍👧‍👧"))
        #expect(Glyph("a").asciiValue == 0x61)
        #expect(Glyph("ab").asciiValue == nil)
        #expect(Glyph("é").asciiValue == nil)
        #expect(Glyph.empty.asciiValue == nil)
        #expect(Glyph.space == Glyph(" "))
        #expect(Glyph.replacement.string == "\u{FFFD}")
    }

    @Test("a cell's grapheme can be read and replaced through the glyph")
    func cellGrapheme() {
        var cell = Cell(grapheme: "x")
        cell.grapheme = "漢"
        #expect(cell.glyph == Glyph("漢"))
        #expect(Cell.continuation(.plain).grapheme.isEmpty)
        #expect(Cell.blank(.plain) == Cell(grapheme: " "))
    }
}

@Suite("Frame.put fast paths: ASCII and stand-alone scalars")
struct FramePutFastPathTests {
    @Test("ASCII clipped on both sides writes only the visible columns and returns the clip edge")
    func asciiClipped() {
        var f = Frame(size: Size(width: 10, height: 1))
        let end = f.put("abcdefghij", at: Point(x: -3, y: 0), style: .plain, clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(end == 6)
        #expect(f.text() == "  fghi")
    }

    @Test("ASCII over half of a wide character blanks the whole wide character")
    func asciiDetachesWide() {
        var f = Frame(size: Size(width: 6, height: 1))
        f.put("漢字", at: Point(x: 0, y: 0), style: .plain)
        f.put("ab", at: Point(x: 1, y: 0), style: .plain)
        #expect(f.text() == " ab")
        #expect(f.cells.allSatisfy { !$0.isContinuation })
    }

    @Test("control characters in otherwise ASCII text still show as the replacement character")
    func asciiControls() {
        var f = Frame(size: Size(width: 8, height: 1))
        f.put("a\u{1B}[2Jb", at: Point(x: 0, y: 0), style: .plain)
        #expect(f.text() == "a\u{FFFD}[2Jb")
    }

    @Test("box drawing, braille, Cyrillic and CJK place by width, cut wide characters at the clip edge")
    func simpleScalars() {
        var f = Frame(size: Size(width: 12, height: 1))
        let end = f.put("─⠙Жé漢字", at: Point(x: 0, y: 0), style: .plain, clip: Rect(x: 0, y: 0, width: 7, height: 1))
        #expect(end == 7)
        #expect(f.text() == "─⠙Жé漢")
        #expect(f[4, 0].width == 2 && f[5, 0].isContinuation)
        #expect(f[6, 0].grapheme == " ")
    }

    @Test("text needing grapheme breaking is not split into scalars")
    func clustersStayWhole() {
        var f = Frame(size: Size(width: 8, height: 1))
        f.put("Жe\u{301}👍🏽", at: Point(x: 0, y: 0), style: .plain)
        #expect(f[1, 0].grapheme == "e\u{301}")
        #expect(f[2, 0].grapheme == "👍🏽" && f[3, 0].isContinuation)
    }

    @Test("a stand-alone-scalar table entry is never a mark, a format character or emoji-presentation")
    func simpleTableIsSafe() {
        for v in UInt32(0)...0x10FFFF {
            guard DisplayWidth.simpleWidth(v) > 0, let s = Unicode.Scalar(v) else { continue }
            let p = s.properties
            #expect(![.nonspacingMark, .spacingMark, .enclosingMark, .format, .control].contains(p.generalCategory) || v == 0xAD,
                    "U+\(String(v, radix: 16))")
            #expect(!p.isEmojiPresentation && !p.isGraphemeExtend, "U+\(String(v, radix: 16))")
            #expect(DisplayWidth.simpleWidth(v) == DisplayWidth.scalarWidth(s), "U+\(String(v, radix: 16))")
        }
    }
}
