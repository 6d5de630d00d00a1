import PrismTerminal

/// The semantic colours a theme defines; panes ask for a token, never for a colour.
public enum ThemeToken: String, CaseIterable, Sendable, Hashable {
    case background, surface, border, borderFocused = "border_focused"
    case text, textMuted = "text_muted", accent, selection
    case user, assistant, reasoning, system
    case code, codeBackground = "code_background", codeKeyword = "code_keyword", codeString = "code_string"
    case codeComment = "code_comment", codeNumber = "code_number", codeType = "code_type"
    case heading, link, quote, listMarker = "list_marker", emphasis, strong
    case error, warning, success, cost, tokens, spinner
    case statusBar = "status_bar", statusBarText = "status_bar_text", badge, demo
}
