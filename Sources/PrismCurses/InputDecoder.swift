import PrismTerminal

/// Turns raw curses input into `InputEvent`s: Escape vs Alt, bracketed paste, CSI keys.
///
/// With `keypad` on, curses decodes the escape sequences it knows from terminfo, but the
/// bracketed-paste markers (`ESC [200~` … `ESC [201~`) and Alt combinations reach us as
/// an Escape followed by plain characters. This state machine sorts them out, fed one
/// `RawInput` at a time; `endOfInput()` marks the moment no more input is waiting, which
/// is what makes a trailing Escape a real Escape (curses has already waited its escape
/// delay for the rest of a sequence before handing it over). Pure, so it is unit-tested.
struct InputDecoder {
    private enum State: Equatable {
        case ground
        /// An Escape arrived; the next input decides whether it is Alt or a sequence.
        case escape
        /// `ESC [` plus the parameter bytes so far.
        case csi(String)
        /// Inside a bracketed paste: everything until `ESC [201~`.
        case paste
    }

    /// Run-time key codes from terminfo (e.g. the code curses assigned to `kUP5`).
    var extendedKeys: [Int32: Key]

    private var state: State = .ground
    private var pasteScalars: [Unicode.Scalar] = []
    /// A paste read as raw bytes (`feedPaste(bytes:)`), not yet ended.
    private var pasteBytes: [UInt8] = []

    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
    private static let pasteEndBytes: [UInt8] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]

    init(extendedKeys: [Int32: Key] = [:]) {
        self.extendedKeys = extendedKeys
    }

    /// Whether a bracketed paste has started and not yet ended.
    var isInPaste: Bool { state == .paste }

    /// Feeds one raw input; returns the events it completes (often none or one).
    mutating func feed(_ input: RawInput) -> [InputEvent] {
        switch state {
        case .ground: return ground(input)
        case .escape: return afterEscape(input)
        case .csi(let params): return inSequence(params, input)
        case .paste: return inPaste(input)
        }
    }

    /// Marks that no more input is waiting: a pending lone Escape becomes an Escape key.
    ///
    /// A half-read CSI sequence with parameters stays pending (its rest is probably in
    /// flight), and so does an unfinished paste.
    mutating func endOfInput() -> [InputEvent] {
        switch state {
        case .escape:
            state = .ground
            return [.key(Key(.escape))]
        case .csi(""):
            state = .ground
            return [.key(.alt("["))]
        case .ground, .csi, .paste:
            return []
        }
    }

    /// Feeds bytes read straight from the terminal while a paste is open.
    ///
    /// A character at a time through curses, a 1 MB paste took seconds to arrive; read in
    /// large pieces it takes milliseconds. Returns the paste once its end marker has come
    /// (it may be split across reads, as may any UTF-8 sequence), and the bytes after the
    /// marker, typed after the paste, for the caller to hand back to curses.
    mutating func feedPaste(bytes: [UInt8]) -> (events: [InputEvent], rest: [UInt8]) {
        guard state == .paste else { return ([], bytes) }
        if !pasteScalars.isEmpty {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: pasteScalars)
            pasteBytes += Array(String(scalars).utf8)
            pasteScalars = []
        }
        let searchFrom = max(0, pasteBytes.count - (Self.pasteEndBytes.count - 1))
        pasteBytes += bytes
        guard let end = Self.firstIndex(of: Self.pasteEndBytes, in: pasteBytes, from: searchFrom) else { return ([], []) }
        let rest = Array(pasteBytes[(end + Self.pasteEndBytes.count)...])
        let text = Self.normalisedPaste(bytes: pasteBytes[..<end])
        pasteBytes = []
        state = .ground
        return ([.paste(text)], rest)
    }

    // MARK: - States

    private mutating func ground(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .character(27):
            state = .escape
            return []
        case .character(let code):
            return CursesKeyCodes.key(forCharacter: code).map { [.key($0)] } ?? []
        case .keyCode(let code):
            return key(forCode: code).map { [.key($0)] } ?? []
        case .mouse(let event):
            return [.mouse(event)]
        case .resize(let size):
            return [.resize(size)]
        }
    }

    private mutating func afterEscape(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .character(91): // "["
            state = .csi("")
            return []
        case .character(27):
            // Escape, then another Escape that starts something new.
            return [.key(Key(.escape))]
        case .character(let code):
            state = .ground
            return CursesKeyCodes.key(forCharacter: code).map { [.key(withAlt($0))] } ?? []
        case .keyCode(let code):
            state = .ground
            return key(forCode: code).map { [.key(withAlt($0))] } ?? []
        case .mouse, .resize:
            state = .ground
            return [.key(Key(.escape))] + ground(input)
        }
    }

    private mutating func inSequence(_ params: String, _ input: RawInput) -> [InputEvent] {
        guard case .character(let code) = input, let scalar = Unicode.Scalar(code) else {
            // Something that cannot belong to a CSI sequence: drop what we had, start over.
            state = .ground
            return ground(input)
        }
        switch code {
        case 0x20...0x3F: // parameter and intermediate bytes
            state = .csi(params + String(Character(scalar)))
            return []
        case 0x40...0x7E: // final byte
            state = .ground
            return finishSequence(params, final: Character(scalar))
        default:
            state = .ground
            if params.isEmpty, code == 27 { return [.key(.alt("["))] + ground(input) }
            return ground(input)
        }
    }

    private mutating func inPaste(_ input: RawInput) -> [InputEvent] {
        switch input {
        case .character(let code):
            guard let scalar = Unicode.Scalar(code) else { return [] }
            pasteScalars.append(scalar)
            guard pasteScalars.count >= Self.pasteEnd.count,
                  pasteScalars.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) else { return [] }
            pasteScalars.removeLast(Self.pasteEnd.count)
            let text = Self.normalisedPaste(pasteScalars)
            pasteScalars = []
            state = .ground
            return [.paste(text)]
        case .keyCode, .mouse:
            // A key sequence curses decoded inside pasted text, or a stray mouse report: not text.
            return []
        case .resize(let size):
            return [.resize(size)]
        }
    }

    // MARK: - Helpers

    private mutating func finishSequence(_ params: String, final: Character) -> [InputEvent] {
        if final == "~", params == "200" {
            state = .paste
            pasteScalars = []
            return []
        }
        return CSISequence.key(parameters: params, final: final).map { [.key($0)] } ?? []
    }

    private func key(forCode code: Int32) -> Key? {
        extendedKeys[code] ?? CursesKeyCodes.key(for: code)
    }

    private func withAlt(_ key: Key) -> Key {
        var k = key
        k.modifiers.insert(.alt)
        return k
    }

    /// Where `needle` first starts in `bytes` at or after `start`.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i + needle.count <= bytes.count {
            guard let hit = bytes[i...].firstIndex(of: needle[0]) else { return nil }
            if hit + needle.count > bytes.count { return nil }
            if bytes[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
            i = hit + 1
        }
        return nil
    }

    /// The raw-bytes form of `normalisedPaste`: CR and CRLF become LF, then UTF-8 is decoded.
    static func normalisedPaste(bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(0x0D) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var previousCR = false
        for byte in bytes {
            if byte == 0x0A, previousCR { previousCR = false; continue }
            previousCR = byte == 0x0D
            out.append(previousCR ? 0x0A : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Pasted line breaks become "\n" (terminals and tmux send CR for a newline).
    static func normalisedPaste(_ scalars: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\r" {
                out.append("\n")
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }
}
