import CNcursesw
import PrismTerminal

/// Translates curses key codes and control characters into `Key` values.
///
/// Pure tables, kept apart from the decoder's state machine. The codes are curses'
/// `KEY_*` constants; terminfo-defined extras (such as Ctrl+Up, `kUP5`) get codes only at
/// run time and are passed in by the backend as a separate table.
enum CursesKeyCodes {
    /// The key for a function key code, or nil for codes we do not use.
    static func key(for code: Int32) -> Key? {
        if let k = fixed[code] { return k }
        let f1 = prism_key_f(1)
        let n = Int(code - f1) + 1
        if n >= 1, n <= 12 { return Key(.function(n)) }
        // Terminals report Shift+F1..F12 as F13..F24.
        if n >= 13, n <= 24 { return Key(.function(n - 12), .shift) }
        return nil
    }

    /// The key for a character code read in raw mode, or nil if it is not a valid scalar.
    ///
    /// In raw mode nothing is cooked: Enter is 13 (10 for Ctrl-J), Backspace is 127 or 8,
    /// and Ctrl plus a letter is 1–26.
    static func key(forCharacter code: UInt32) -> Key? {
        switch code {
        case 13, 10: return Key(.enter)
        case 9: return Key(.tab)
        case 127, 8: return Key(.backspace)
        case 27: return Key(.escape)
        case 0: return Key(.character(" "), .control)
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(code + 96))))
        case 28: return .ctrl("\\")
        case 29: return .ctrl("]")
        case 30: return .ctrl("^")
        case 31: return .ctrl("_")
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            // C1 controls never come from a keyboard; drop them rather than insert garbage.
            if (0x80...0x9F).contains(code) { return nil }
            return .char(Character(scalar))
        }
    }

    private static let fixed: [Int32: Key] = [
        KEY_UP: Key(.up), KEY_DOWN: Key(.down), KEY_LEFT: Key(.left), KEY_RIGHT: Key(.right),
        KEY_HOME: Key(.home), KEY_END: Key(.end), KEY_PPAGE: Key(.pageUp), KEY_NPAGE: Key(.pageDown),
        KEY_IC: Key(.insert), KEY_DC: Key(.delete), KEY_BACKSPACE: Key(.backspace),
        KEY_ENTER: Key(.enter), KEY_BTAB: Key(.backTab),
        KEY_SR: Key(.up, .shift), KEY_SF: Key(.down, .shift),
        KEY_SLEFT: Key(.left, .shift), KEY_SRIGHT: Key(.right, .shift),
        KEY_SHOME: Key(.home, .shift), KEY_SEND: Key(.end, .shift),
        KEY_SPREVIOUS: Key(.pageUp, .shift), KEY_SNEXT: Key(.pageDown, .shift),
        KEY_SDC: Key(.delete, .shift), KEY_SIC: Key(.insert, .shift),
    ]

    /// Terminfo names of keys that have modified variants (`kUP5` is Ctrl+Up).
    static let modifiableKeyNames: [(name: String, code: Key.Code)] = [
        ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
        ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown),
        ("kDC", .delete), ("kIC", .insert),
    ]

    /// Modifiers from an xterm modifier parameter (2 = Shift, 3 = Alt, 5 = Ctrl, and sums).
    static func modifiers(xtermParameter p: Int) -> Key.Modifiers {
        guard p >= 2 else { return [] }
        let bits = p - 1
        var m: Key.Modifiers = []
        if bits & 1 != 0 { m.insert(.shift) }
        if bits & 2 != 0 { m.insert(.alt) }
        if bits & 4 != 0 { m.insert(.control) }
        return m
    }
}
