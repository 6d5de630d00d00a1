import PrismTerminal

/// A complete theme: one style per token.
///
/// Built by `ThemeCatalog` from a TOML file (and the themes it extends). The styles are
/// written for a truecolor terminal; `adapted(to:)` turns them into what the terminal
/// can show, using `ansiStyles` (the file's `[tokens_ansi]`) on 8- and 16-colour terminals.
public struct Theme: Sendable, Equatable {
    /// The name `--theme` and the switcher use: the file name without `.toml`.
    public var name: String
    /// The human-readable name from the file's `name` key (the file name when absent).
    public var displayName: String
    /// One line from the file's `description` key; may be empty.
    public var description: String
    public var styles: [ThemeToken: Style]
    /// Replacement styles for terminals with 16 colours or fewer.
    public var ansiStyles: [ThemeToken: Style]

    public init(
        name: String, displayName: String? = nil, description: String = "",
        styles: [ThemeToken: Style], ansiStyles: [ThemeToken: Style] = [:]
    ) {
        self.name = name
        self.displayName = displayName ?? name
        self.description = description
        self.styles = styles
        self.ansiStyles = ansiStyles
    }

    /// The style for a token; tokens a theme leaves out fall back to plain text.
    public subscript(token: ThemeToken) -> Style {
        styles[token] ?? .plain
    }

    /// The style for a token drawn on a surface, with the surface's colours filling in defaults.
    ///
    /// A cell's style replaces the whole cell, so a token that only sets a foreground would
    /// otherwise show the terminal's own background instead of the theme's. Panes draw text
    /// with `style(.user)` (on `background`) or `style(.code, on: .codeBackground)`.
    public func style(_ token: ThemeToken, on surface: ThemeToken = .background) -> Style {
        var result = self[token]
        let base = self[surface]
        if result.foreground == .default { result.foreground = base.foreground }
        if result.background == .default { result.background = base.background }
        return result
    }
}
