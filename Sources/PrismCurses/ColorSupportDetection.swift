import PrismTerminal

/// Decides how many colours to use from curses' `COLORS` and the environment.
///
/// `NO_COLOR` (any non-empty value, see no-color.org) turns colour off; attributes such as
/// bold and reverse still show. Truecolor needs a direct-colour terminfo entry (for example
/// `TERM=xterm-direct`, where `COLORS` is 2^24): curses can only send the colours terminfo
/// describes, so `COLORTERM=truecolor` alone does not unlock it and we fall back to 256.
enum ColorSupportDetection {
    static func detect(colors: Int, hasColors: Bool, environment: [String: String]) -> ColorSupport {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors, colors >= 8 else { return .none }
        if colors >= 1 << 24 { return .truecolor }
        if colors >= 256 { return .indexed256 }
        if colors >= 16 { return .ansi16 }
        return .ansi8
    }

    /// Whether the terminal says it could show truecolor (`COLORTERM`), for a hint in diagnostics.
    static func terminalClaimsTruecolor(_ environment: [String: String]) -> Bool {
        let value = environment["COLORTERM"]?.lowercased() ?? ""
        return value == "truecolor" || value == "24bit"
    }
}
