import PrismTerminal
import Testing
@testable import PrismCurses

@Suite struct ColorMappingTests {
    @Test func defaultIsMinusOneEverywhere() {
        for support in [ColorSupport.none, .ansi8, .ansi16, .indexed256, .truecolor] {
            #expect(ColorMapping.number(for: .default, support: support) == -1)
        }
    }

    @Test func noColorMeansDefaultColours() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), support: .none) == -1)
    }

    @Test func rgbUnder256IsNearestCubeOrGrey() {
        #expect(ColorMapping.number(for: .rgb(255, 0, 0), support: .indexed256) == 196)
        #expect(ColorMapping.number(for: .rgb(0, 0, 0), support: .indexed256) == 16)
        #expect(ColorMapping.number(for: .rgb(128, 128, 128), support: .indexed256) == 244)
        #expect(ColorMapping.number(for: .indexed(200), support: .indexed256) == 200)
    }

    @Test func fewerColours() {
        #expect(ColorMapping.number(for: .rgb(250, 10, 10), support: .ansi16) == 9)
        #expect(ColorMapping.number(for: .rgb(250, 10, 10), support: .ansi8) == 1)
        #expect(ColorMapping.number(for: .ansi(12), support: .ansi8) == 4)
        #expect(ColorMapping.number(for: .indexed(196), support: .ansi16) == 9)
    }

    @Test func truecolorPacksRGB() {
        #expect(ColorMapping.number(for: .rgb(0x12, 0x34, 0x56), support: .truecolor) == 0x123456)
        #expect(ColorMapping.number(for: .rgb(0, 0, 3), support: .truecolor) == 8)
        #expect(ColorMapping.number(for: .ansi(2), support: .truecolor) == 2)
        #expect(ColorMapping.number(for: .indexed(196), support: .truecolor) == 0xFF0000)
    }

    @Test func detection() {
        #expect(ColorSupportDetection.detect(colors: 256, hasColors: true, environment: [:]) == .indexed256)
        #expect(ColorSupportDetection.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorSupportDetection.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .indexed256)
        #expect(ColorSupportDetection.detect(colors: 1 << 24, hasColors: true, environment: [:]) == .truecolor)
        #expect(ColorSupportDetection.detect(colors: 256, hasColors: true, environment: ["COLORTERM": "truecolor"]) == .indexed256)
        #expect(ColorSupportDetection.detect(colors: 8, hasColors: true, environment: [:]) == .ansi8)
        #expect(ColorSupportDetection.detect(colors: 0, hasColors: false, environment: [:]) == .none)
        #expect(ColorSupportDetection.terminalClaimsTruecolor(["COLORTERM": "24bit"]))
    }
}

@Suite struct ClipboardSequenceTests {
    @Test func base64MatchesKnownValues() {
        #expect(String(decoding: ClipboardSequence.base64(Array("".utf8)), as: UTF8.self) == "")
        #expect(String(decoding: ClipboardSequence.base64(Array("f".utf8)), as: UTF8.self) == "Zg==")
        #expect(String(decoding: ClipboardSequence.base64(Array("fo".utf8)), as: UTF8.self) == "Zm8=")
        #expect(String(decoding: ClipboardSequence.base64(Array("foobar".utf8)), as: UTF8.self) == "Zm9vYmFy")
        #expect(String(decoding: ClipboardSequence.base64(Array("漢".utf8)), as: UTF8.self) == "5ryi")
    }

    @Test func osc52Framing() {
        #expect(String(decoding: ClipboardSequence.osc52("hi"), as: UTF8.self) == "\u{1B}]52;c;aGk=\u{07}")
    }

    @Test func paddingIsStrippedFromCapabilities() {
        #expect(TerminalRestore.stripPadding(Array("\u{1B}[H$<5>\u{1B}[2J$<2*/>".utf8)) == Array("\u{1B}[H\u{1B}[2J".utf8))
    }
}

@Suite struct CursesPainterTests {
    @Test func charactersForCells() {
        // wcwidth answers for non-ASCII only under a UTF-8 locale, as the backend sets up.
        TerminalLocale.ensureUTF8()
        #expect(CursesPainter.characters(of: Cell(grapheme: "a")).chars == [0x61, 0])
        let wide = CursesPainter.characters(of: Cell(grapheme: "漢", width: 2))
        #expect(wide.chars == [0x6F22, 0] && wide.width == 2)
        // A combining mark stays with its base.
        #expect(CursesPainter.characters(of: Cell(grapheme: "e\u{301}")).chars == [0x65, 0x301, 0])
        // A ZWJ sequence keeps its first emoji (curses holds one spacing character per cell).
        #expect(CursesPainter.characters(of: Cell(grapheme: "👩‍💻", width: 2)).chars == [0x1F469, 0x200D, 0])
        // Wider in the C library than the frame allows: a replacement character keeps the grid aligned.
        #expect(CursesPainter.characters(of: Cell(grapheme: "漢", width: 1)).chars == [0xFFFD, 0])
    }
}
