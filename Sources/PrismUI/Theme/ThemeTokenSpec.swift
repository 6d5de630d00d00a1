import PrismTerminal

/// One token as a theme file writes it, before palette names are looked up.
///
/// Names stay unresolved until the whole `extends` chain is merged, so a theme that
/// extends `dark` and changes `blue` in its palette recolours every inherited token
/// that says "blue". The file and line travel along for error messages.
struct ThemeTokenSpec: Sendable, Equatable {
    /// A colour as written: a name (palette entry or literal) or an integer index.
    enum ColorRef: Sendable, Equatable {
        case name(String)
        case index(Int)
    }

    var foreground: ColorRef?
    var background: ColorRef?
    var attributes: TextAttributes = []
    var file: String
    var line: Int?

    /// The style, looking names up in `palette` first and then as literal colours.
    func resolve(token: String, palette: [String: Color]) throws(ThemeError) -> Style {
        Style(
            foreground: try color(foreground, token: token, palette: palette),
            background: try color(background, token: token, palette: palette),
            attributes: attributes)
    }

    private func color(_ ref: ColorRef?, token: String, palette: [String: Color]) throws(ThemeError) -> Color {
        switch ref {
        case nil:
            return .default
        case .index(let value)?:
            guard let color = ThemeColorSyntax.indexed(value) else {
                throw .invalidFile(file: file, line: line, message: "token '\(token)': colour index must be 0-255")
            }
            return color
        case .name(let name)?:
            if let color = palette[name] ?? ThemeColorSyntax.literal(name) { return color }
            throw .invalidFile(
                file: file, line: line,
                message: "token '\(token)': unknown colour '\(name)'; \(ThemeColorSyntax.expected)")
        }
    }
}
