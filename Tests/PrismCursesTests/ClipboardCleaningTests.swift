import Testing
@testable import PrismCurses

/// What reaches the clipboard: model text without escape sequences or other controls.
@Suite struct ClipboardCleaningTests {
    static func decoded(_ sequence: [UInt8]) -> String? {
        // ESC ] 52 ; c ; <base64> BEL: take the base64 and decode it by hand.
        let prefix = Array("\u{1B}]52;c;".utf8)
        guard sequence.starts(with: prefix), sequence.last == 0x07 else { return nil }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var bits: UInt32 = 0, count = 0
        var out: [UInt8] = []
        for byte in sequence[prefix.count..<(sequence.count - 1)] where byte != UInt8(ascii: "=") {
            guard let value = alphabet.firstIndex(of: byte) else { return nil }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(bits >> UInt32(count) & 0xFF))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func copiesDropControlsButNewlineAndTab() {
        let reply = "line\r\n\u{1B}]52;c;ZXZpbA==\u{7}\tcode \u{1B}[31mred\u{9B}0m \u{7F}é 東京 👩‍💻"
        let sequence = ClipboardSequence.osc52(reply)
        #expect(Self.decoded(sequence) == "line\n]52;c;ZXZpbA==\tcode [31mred0m é 東京 👩‍💻")
        // The only ESC and BEL are the sequence's own framing.
        #expect(sequence.filter { $0 == 0x1B }.count == 1)
        #expect(sequence.filter { $0 == 0x07 }.count == 1)
    }

    @Test func plainTextIsCopiedExactly() {
        let text = "fn main() {\n\tprintln!(\"¡hola!\");\n}\n"
        #expect(Self.decoded(ClipboardSequence.osc52(text)) == text)
    }
}
