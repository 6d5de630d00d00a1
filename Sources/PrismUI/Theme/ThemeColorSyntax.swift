import PrismTerminal

/// Reads the colour values a theme file may contain: `#rrggbb`, `#rgb`, 0–255, ANSI names, `default`.
///
/// Kept apart from palette lookup so the palette's own values and the token values share
/// one definition of what a literal colour is.
enum ThemeColorSyntax {
    /// The ANSI names in colour order; `bright_` + name is the same index plus 8.
    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// What an error says a colour may be.
    static let expected = "expected #rrggbb, #rgb, 0-255, an ANSI name such as 'blue' or 'bright_red', 'default', or a palette name"
    /// The same for palette entries, which cannot refer to other palette entries.
    static let expectedLiteral = "expected #rrggbb, #rgb, 0-255, an ANSI name such as 'blue' or 'bright_red', or 'default'"

    /// A literal colour, or nil when `text` is not one (it may still be a palette name).
    static func literal(_ text: String) -> Color? {
        let lower = text.lowercased()
        if lower == "default" { return .default }
        if let index = ansiNames.firstIndex(of: lower) { return .ansi(UInt8(index)) }
        if lower.hasPrefix("bright_"), let index = ansiNames.firstIndex(of: String(lower.dropFirst(7))) {
            return .ansi(UInt8(index + 8))
        }
        guard lower.hasPrefix("#") else { return nil }
        let digits = Array(lower.dropFirst())
        guard digits.allSatisfy(\.isHexDigit) else { return nil }
        switch digits.count {
        case 6:
            let value = UInt32(String(digits), radix: 16) ?? 0
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        case 3:
            let parts = digits.map { UInt8(String($0), radix: 16) ?? 0 }
            return .rgb(parts[0] * 17, parts[1] * 17, parts[2] * 17)
        default:
            return nil
        }
    }

    /// An indexed colour from an integer, or nil outside 0–255.
    static func indexed(_ value: Int) -> Color? {
        (0...255).contains(value) ? .indexed(UInt8(value)) : nil
    }
}
