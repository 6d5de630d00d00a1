/// A key the user pressed, with modifiers.
public struct Key: Hashable, Sendable, CustomStringConvertible {
    public enum Code: Hashable, Sendable {
        case character(Character)
        case enter, tab, backTab, backspace, delete, escape, insert
        case up, down, left, right, home, end, pageUp, pageDown
        case function(Int)
    }

    public struct Modifiers: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let control = Modifiers(rawValue: 1 << 0)
        public static let alt = Modifiers(rawValue: 1 << 1)
        public static let shift = Modifiers(rawValue: 1 << 2)
    }

    public var code: Code
    public var modifiers: Modifiers

    public init(_ code: Code, _ modifiers: Modifiers = []) {
        self.code = code
        self.modifiers = modifiers
    }

    /// A printable character with no modifiers.
    public static func char(_ c: Character) -> Key { Key(.character(c)) }
    /// Control plus a letter, e.g. `.ctrl("q")`.
    public static func ctrl(_ c: Character) -> Key { Key(.character(c), .control) }
    /// Alt (Meta) plus a character, e.g. `.alt("b")`.
    public static func alt(_ c: Character) -> Key { Key(.character(c), .alt) }

    /// The spelling used in key binding configuration, e.g. `ctrl+q`, `alt+enter`, `f1`, `pgdn`.
    public var description: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("ctrl") }
        if modifiers.contains(.alt) { parts.append("alt") }
        if modifiers.contains(.shift) { parts.append("shift") }
        switch code {
        case .character(" "): parts.append("space")
        case .character(let c): parts.append(String(c))
        case .enter: parts.append("enter")
        case .tab: parts.append("tab")
        case .backTab: parts.append("backtab")
        case .backspace: parts.append("backspace")
        case .delete: parts.append("delete")
        case .escape: parts.append("esc")
        case .insert: parts.append("insert")
        case .up: parts.append("up")
        case .down: parts.append("down")
        case .left: parts.append("left")
        case .right: parts.append("right")
        case .home: parts.append("home")
        case .end: parts.append("end")
        case .pageUp: parts.append("pgup")
        case .pageDown: parts.append("pgdn")
        case .function(let n): parts.append("f\(n)")
        }
        return parts.joined(separator: "+")
    }
}

/// A mouse action at a cell.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(button: Int)
        case release
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var position: Point

    public init(kind: Kind, position: Point) {
        self.kind = kind
        self.position = position
    }
}

/// Everything the terminal can tell the app.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    /// Text pasted with bracketed paste: delivered whole, so a pasted newline never sends.
    case paste(String)
    case mouse(MouseEvent)
    case resize(Size)
    /// The process came back from Ctrl-Z (SIGCONT); the screen must be redrawn.
    case resumed
    /// The process was asked to end (SIGTERM, SIGHUP, ...): save everything, then quit.
    case terminate(signal: Int32)
}
