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

    private static let pasteEnd: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

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
