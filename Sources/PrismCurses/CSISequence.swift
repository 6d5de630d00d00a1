import PrismTerminal

/// Decodes the CSI key sequences curses did not: `ESC [ 1;5A`, `ESC [ 3~`, `ESC [ Z`.
///
/// Curses only recognises the sequences its terminfo entry lists; terminals send
/// modified keys (xterm's `1;<mod>` form) that many entries leave out. Anything not
/// understood here is dropped rather than typed into the prompt as `[1;9X`.
enum CSISequence {
    /// The key for a CSI sequence (parameters and final byte, without `ESC [`), if it is one.
    static func key(parameters: String, final: Character) -> Key? {
        let fields = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = fields.first.flatMap { $0 }
        let modifierParameter = fields.count > 1 ? (fields[1] ?? 1) : 1
        let modifiers = CursesKeyCodes.modifiers(xtermParameter: modifierParameter)
        let code: Key.Code
        switch final {
        case "A": code = .up
        case "B": code = .down
        case "C": code = .right
        case "D": code = .left
        case "H": code = .home
        case "F": code = .end
        case "P": code = .function(1)
        case "Q": code = .function(2)
        case "R": code = .function(3)
        case "S": code = .function(4)
        case "Z": return Key(.backTab, modifiers)
        case "~":
            guard let n = first, let c = tildeCode(n) else { return nil }
            code = c
        default:
            return nil
        }
        return Key(code, modifiers)
    }

    private static func tildeCode(_ n: Int) -> Key.Code? {
        switch n {
        case 1, 7: return .home
        case 2: return .insert
        case 3: return .delete
        case 4, 8: return .end
        case 5: return .pageUp
        case 6: return .pageDown
        case 11...15: return .function(n - 10)
        case 17...21: return .function(n - 11)
        case 23, 24: return .function(n - 12)
        default: return nil
        }
    }
}
