/// Parses key binding strings from the config (`ctrl+q`, `alt+enter`, `f5`, `?`) into `Key`s.
///
/// One spelling per key is what `Key.description` prints, and parsing it gives the key
/// back. Names and modifiers are case-insensitive and have common aliases (`escape`,
/// `return`, `pagedown`, `control`, `meta`); single characters are taken as they are.
/// A few spellings name what the terminal really sends: `shift+tab` is `backtab`,
/// `shift+a` is `A`, and `ctrl+Q` and `ctrl+shift+q` are `ctrl+q` (a terminal cannot
/// tell them apart).
public enum KeySpec {
    /// Why a binding string is not a key; `description` is one line for the user.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var spec: String
        public var reason: String

        public var description: String { "invalid key \"\(spec)\": \(reason)" }
    }

    /// The key a binding string names.
    public static func parse(_ spec: String) throws(ParseError) -> Key {
        let trimmed = spec.trimmingSpaces
        guard !trimmed.isEmpty else { throw ParseError(spec: spec, reason: "empty key") }
        var parts = trimmed.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        // A trailing "+" names the plus key itself: "+", "ctrl++".
        if parts.count >= 2, parts[parts.count - 1].isEmpty, parts[parts.count - 2].isEmpty {
            parts.removeLast(2)
            parts.append("+")
        }
        let name = parts.removeLast()
        var modifiers: Key.Modifiers = []
        for part in parts {
            switch part.lowercased() {
            case "ctrl", "control": modifiers.insert(.control)
            case "alt", "meta", "option": modifiers.insert(.alt)
            case "shift": modifiers.insert(.shift)
            case "": throw ParseError(spec: spec, reason: "missing key name around \"+\"")
            default: throw ParseError(spec: spec, reason: "unknown modifier \"\(part)\" (use ctrl, alt or shift)")
            }
        }
        guard let code = code(named: name) else {
            throw ParseError(spec: spec, reason: name.isEmpty ? "missing key name" : "unknown key name \"\(name)\"")
        }
        return normalised(Key(code, modifiers))
    }

    /// The key a binding string names, or nil when it names none.
    public static func key(_ spec: String) -> Key? {
        try? parse(spec)
    }

    private static func code(named name: String) -> Key.Code? {
        if name.count == 1, let c = name.first { return .character(c) }
        let lower = name.lowercased()
        if let code = named[lower] { return code }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n), !lower.dropFirst().hasPrefix("0") {
            return .function(n)
        }
        return nil
    }

    /// What terminals send for a few combinations, so a binding matches the key that arrives.
    private static func normalised(_ key: Key) -> Key {
        var key = key
        switch key.code {
        case .tab where key.modifiers.contains(.shift):
            key.code = .backTab
            key.modifiers.remove(.shift)
        case .character(let c) where c.isLetter && c.isASCII:
            if key.modifiers.contains(.control) {
                key.code = .character(Character(c.lowercased()))
            } else if key.modifiers.contains(.shift) {
                key.code = .character(Character(c.uppercased()))
            }
            key.modifiers.remove(.shift)
        default:
            break
        }
        return key
    }

    private static let named: [String: Key.Code] = [
        "space": .character(" "), "spc": .character(" "),
        "enter": .enter, "return": .enter, "ret": .enter, "cr": .enter,
        "tab": .tab, "backtab": .backTab, "btab": .backTab,
        "backspace": .backspace, "bs": .backspace, "bksp": .backspace,
        "delete": .delete, "del": .delete,
        "esc": .escape, "escape": .escape,
        "insert": .insert, "ins": .insert,
        "up": .up, "down": .down, "left": .left, "right": .right,
        "home": .home, "end": .end,
        "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pgdown": .pageDown, "pagedown": .pageDown,
        "plus": .character("+"),
    ]
}

extension Key {
    /// The key a binding string names (see `KeySpec`).
    public init(parsing spec: String) throws(KeySpec.ParseError) {
        self = try KeySpec.parse(spec)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
