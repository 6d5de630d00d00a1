import CNcursesw
import PrismTerminal
import Testing
@testable import PrismCurses

/// Feeds text as raw characters, then end of input, and collects the events.
private func decode(_ inputs: [RawInput], decoder: inout InputDecoder) -> [InputEvent] {
    inputs.flatMap { decoder.feed($0) } + decoder.endOfInput()
}

private func decode(_ inputs: [RawInput]) -> [InputEvent] {
    var decoder = InputDecoder()
    return decode(inputs, decoder: &decoder)
}

private func chars(_ text: String) -> [RawInput] {
    text.unicodeScalars.map { .character($0.value) }
}

@Suite struct InputDecoderTests {
    @Test func printableCharactersIncludingWideOnes() {
        #expect(decode(chars("a漢👍")) == [.key(.char("a")), .key(.char("漢")), .key(.char("👍"))])
    }

    @Test func controlCodesInRawMode() {
        #expect(decode([.character(13)]) == [.key(Key(.enter))])
        #expect(decode([.character(10)]) == [.key(Key(.enter))])
        #expect(decode([.character(9)]) == [.key(Key(.tab))])
        #expect(decode([.character(127)]) == [.key(Key(.backspace))])
        #expect(decode([.character(8)]) == [.key(Key(.backspace))])
        #expect(decode([.character(17)]) == [.key(.ctrl("q"))])
        #expect(decode([.character(19)]) == [.key(.ctrl("s"))])
        #expect(decode([.character(3)]) == [.key(.ctrl("c"))])
        #expect(decode([.character(26)]) == [.key(.ctrl("z"))])
    }

    @Test func lonelyEscapeIsEscape() {
        #expect(decode([.character(27)]) == [.key(Key(.escape))])
    }

    @Test func escapeFollowedByCharacterIsAlt() {
        #expect(decode(chars("\u{1B}b")) == [.key(.alt("b"))])
        #expect(decode([.character(27), .character(13)]) == [.key(Key(.enter, .alt))])
        #expect(decode([.character(27), .keyCode(KEY_UP)]) == [.key(Key(.up, .alt))])
    }

    @Test func doubleEscapeIsTwoEscapes() {
        #expect(decode([.character(27), .character(27)]) == [.key(Key(.escape)), .key(Key(.escape))])
    }

    @Test func altBracketAloneIsAltBracket() {
        #expect(decode(chars("\u{1B}[")) == [.key(.alt("["))])
    }

    @Test func cursesKeyCodes() {
        #expect(decode([.keyCode(KEY_DC)]) == [.key(Key(.delete))])
        #expect(decode([.keyCode(KEY_BTAB)]) == [.key(Key(.backTab))])
        #expect(decode([.keyCode(KEY_BACKSPACE)]) == [.key(Key(.backspace))])
        #expect(decode([.keyCode(KEY_NPAGE)]) == [.key(Key(.pageDown))])
        #expect(decode([.keyCode(prism_key_f(1))]) == [.key(Key(.function(1)))])
        #expect(decode([.keyCode(prism_key_f(12))]) == [.key(Key(.function(12)))])
        #expect(decode([.keyCode(prism_key_f(17))]) == [.key(Key(.function(5), .shift))])
        #expect(decode([.keyCode(KEY_SLEFT)]) == [.key(Key(.left, .shift))])
    }

    @Test func extendedKeyTableWins() {
        var decoder = InputDecoder(extendedKeys: [567: Key(.up, .control)])
        #expect(decode([.keyCode(567)], decoder: &decoder) == [.key(Key(.up, .control))])
    }

    @Test func csiSequencesCursesMissed() {
        #expect(decode(chars("\u{1B}[1;5C")) == [.key(Key(.right, .control))])
        #expect(decode(chars("\u{1B}[1;2A")) == [.key(Key(.up, .shift))])
        #expect(decode(chars("\u{1B}[5;3~")) == [.key(Key(.pageUp, .alt))])
        #expect(decode(chars("\u{1B}[Z")) == [.key(Key(.backTab))])
        #expect(decode(chars("\u{1B}[99;9X")) == [])
    }

    @Test func bracketedPasteArrivesWhole() {
        let events = decode(chars("\u{1B}[200~line one\rline two\r\nthree\u{1B}[201~x"))
        #expect(events == [.paste("line one\nline two\nthree"), .key(.char("x"))])
    }

    @Test func pastedControlCharactersAndEscapesStayText() {
        let events = decode(chars("\u{1B}[200~a\u{1B}b\u{3}\t\u{1B}[201~"))
        #expect(events == [.paste("a\u{1B}b\u{3}\t")])
    }

    @Test func pasteSplitAcrossReadsWaitsForItsEnd() {
        var decoder = InputDecoder()
        #expect(decode(chars("\u{1B}[200~hello\r"), decoder: &decoder) == [])
        #expect(decoder.isInPaste)
        #expect(decode(chars("world\u{1B}[20"), decoder: &decoder) == [])
        #expect(decode(chars("1~"), decoder: &decoder) == [.paste("hello\nworld")])
        #expect(!decoder.isInPaste)
    }

    @Test func pasteStartMarkerSplitAcrossReads() {
        var decoder = InputDecoder()
        #expect(decode(chars("\u{1B}[20"), decoder: &decoder) == [])
        #expect(decode(chars("0~hi\u{1B}[201~"), decoder: &decoder) == [.paste("hi")])
    }

    @Test func resizeInsidePasteStillArrives() {
        var decoder = InputDecoder()
        let events = decode(chars("\u{1B}[200~ab") + [.resize(Size(width: 80, height: 24))] + chars("c\u{1B}[201~"), decoder: &decoder)
        #expect(events == [.resize(Size(width: 80, height: 24)), .paste("abc")])
    }

    @Test func escapeThenMouseIsEscapeThenMouse() {
        let mouse = MouseEvent(kind: .wheelUp, position: Point(x: 1, y: 2))
        #expect(decode([.character(27), .mouse(mouse)]) == [.key(Key(.escape)), .mouse(mouse)])
    }

    @Test func mouseMasks() {
        #expect(MouseDecoding.event(state: prism_button_pressed(4), x: 3, y: 4) == MouseEvent(kind: .wheelUp, position: Point(x: 3, y: 4)))
        #expect(MouseDecoding.event(state: prism_button_pressed(5), x: 0, y: 0)?.kind == .wheelDown)
        #expect(MouseDecoding.event(state: prism_button_pressed(1), x: 0, y: 0)?.kind == .press(button: 1))
        #expect(MouseDecoding.event(state: prism_button_released(3), x: 0, y: 0)?.kind == .release)
        #expect(MouseDecoding.event(state: 0, x: 0, y: 0) == nil)
    }
}

@Suite("Input decoder: a paste read as raw bytes")
struct InputDecoderRawPasteTests {
    /// A decoder that has just seen the bracketed-paste start marker, a character at a time.
    func inPaste() -> InputDecoder {
        var decoder = InputDecoder()
        for c in "\u{1B}[200~".unicodeScalars { _ = decoder.feed(.character(c.value)) }
        return decoder
    }

    @Test func aPasteSplitAnywhereComesOutWhole() {
        let text = "naïve 東京 🎉\r\nsecond line\rthird\n"
        let wire = Array(text.utf8) + Array("\u{1B}[201~".utf8) + Array("x".utf8)
        for cut in 0...wire.count {
            var decoder = inPaste()
            #expect(decoder.isInPaste)
            let first = decoder.feedPaste(bytes: Array(wire[..<cut]))
            let second = decoder.feedPaste(bytes: Array(wire[cut...]))
            let events = first.events + second.events
            #expect(events == [.paste("naïve 東京 🎉\nsecond line\nthird\n")], "cut at \(cut)")
            #expect(first.rest + second.rest == Array("x".utf8), "cut at \(cut)")
            #expect(!decoder.isInPaste)
        }
    }

    @Test func aMegabyteArrivesInPiecesAsOnePaste() {
        var decoder = inPaste()
        let line = Array("0123456789abcdef ".utf8)
        var events: [InputEvent] = []
        for _ in 0..<(1 << 20) / (line.count * 64) {
            events += decoder.feedPaste(bytes: Array((0..<64).flatMap { _ in line })).events
        }
        events += decoder.feedPaste(bytes: Array("\u{1B}[201~".utf8)).events
        guard case .paste(let text)? = events.first else { Issue.record("no paste"); return }
        #expect(events.count == 1 && text.utf8.count == (1 << 20) / (line.count * 64) * line.count * 64)
    }

    @Test func outsideAPasteBytesAreHandedBack() {
        var decoder = InputDecoder()
        let (events, rest) = decoder.feedPaste(bytes: [0x61, 0x62])
        #expect(events.isEmpty && rest == [0x61, 0x62])
    }
}
