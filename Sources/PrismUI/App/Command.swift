import Foundation
import PrismTerminal

/// What a key can mean, independent of which key it is.
///
/// Keys map to commands through `KeyBindings`, which the config file can change;
/// the reducer only ever sees commands (plus text typed into an editor).
public enum Command: String, CaseIterable, Sendable {
    case quit, send, newline, cancel, cancelOrClear = "cancel_or_clear"
    case togglePicker = "toggle_picker", openSessions = "open_sessions", help, switchTheme = "switch_theme"
    case scrollUp = "scroll_up", scrollDown = "scroll_down", pageUp = "page_up", pageDown = "page_down"
    case scrollTop = "scroll_top", scrollBottom = "scroll_bottom"
    case previousMessage = "previous_message", nextMessage = "next_message"
    case toggleReasoning = "toggle_reasoning", copyMessage = "copy_message", copyCode = "copy_code"
    case regenerate, editLast = "edit_last", newSession = "new_session", openEditor = "open_editor"
    case previousSibling = "previous_sibling", nextSibling = "next_sibling"
    case focusTranscript = "focus_transcript", suspend
    case previousPane = "previous_pane", nextPane = "next_pane"
    case focusPane1 = "focus_pane_1", focusPane2 = "focus_pane_2", focusPane3 = "focus_pane_3", focusPane4 = "focus_pane_4"
    case toggleScrollLock = "toggle_scroll_lock", pickPane = "pick_pane"
    case deleteMessage = "delete_message", forkSession = "fork_session"
    case editFallbacks = "edit_fallbacks"
    case openProviders = "open_providers"
    case openStats = "open_stats"
    case tieRound = "tie", allBad = "all_bad", thumbUp = "thumb_up", thumbDown = "thumb_down", openLeaderboard = "leaderboard"
    case routeWhy = "route_why"
    case toggleToolResults = "toggle_tool_results"
    case toggleWeb = "toggle_web"

    /// Commands that mean something only in compare mode; elsewhere their keys keep their old use.
    public var isCompareOnly: Bool {
        switch self {
        case .previousPane, .nextPane, .focusPane1, .focusPane2, .focusPane3, .focusPane4, .toggleScrollLock, .pickPane, .tieRound, .allBad: return true
        default: return false
        }
    }

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .quit: return "quit (the session is already saved)"
        case .send: return "send the prompt"
        case .newline: return "insert a newline in the prompt"
        case .cancel: return "stop the streaming reply (text so far is kept)"
        case .cancelOrClear: return "stop the reply; otherwise close the overlay or leave the transcript"
        case .togglePicker: return "open or close the model picker"
        case .openSessions: return "browse saved sessions"
        case .help: return "show this help"
        case .switchTheme: return "choose a theme"
        case .scrollUp: return "scroll up one line"
        case .scrollDown: return "scroll down one line"
        case .pageUp: return "scroll up one page"
        case .pageDown: return "scroll down one page"
        case .scrollTop: return "go to the top of the conversation"
        case .scrollBottom: return "go to the newest text and follow it"
        case .previousMessage: return "select the previous message (focuses the transcript)"
        case .nextMessage: return "select the next message (focuses the transcript)"
        case .toggleReasoning: return "show or hide reasoning of the newest or selected reply"
        case .copyMessage: return "copy the newest reply or the selected message (OSC 52)"
        case .copyCode: return "copy the last code block of the newest or selected reply"
        case .regenerate: return "regenerate the last reply (kept as a sibling)"
        case .editLast: return "edit the last (or selected) prompt; sending makes a new version"
        case .newSession: return "start a new session"
        case .openEditor: return "edit the prompt in $VISUAL / $EDITOR"
        case .previousSibling: return "show the previous version of the newest reply or selected message"
        case .nextSibling: return "show the next version of the newest reply or selected message"
        case .focusTranscript: return "move focus between prompt and transcript"
        case .suspend: return "suspend to the shell (fg to return)"
        case .previousPane: return "compare: focus the pane to the left"
        case .nextPane: return "compare: focus the pane to the right"
        case .focusPane1, .focusPane2, .focusPane3, .focusPane4: return "compare: focus pane \(rawValue.suffix(1))"
        case .toggleScrollLock: return "compare: scroll all panes together (or each on its own)"
        case .pickPane: return "compare: continue with the focused pane's model alone"
        case .deleteMessage: return "delete the selected message and its replies (asks first)"
        case .forkSession: return "fork: a new session with the path up to the selected message"
        case .editFallbacks: return "edit this session's fallback chain (sent as models)"
        case .openProviders: return "the current model's providers: pin, exclude, routing preferences"
        case .openStats: return "analytics: spend, requests and errors per day, figures per model and provider"
        case .tieRound: return "compare: this round is a tie (recorded for the leaderboard)"
        case .allBad: return "compare: every reply of this round is bad (recorded for the leaderboard)"
        case .thumbUp: return "thumb up for the newest or selected reply (leaderboard, half a match)"
        case .thumbDown: return "thumb down for the newest or selected reply (leaderboard, half a match)"
        case .openLeaderboard: return "your leaderboard: models rated from your picks, ties and thumbs"
        case .routeWhy: return "why route chose the newest or selected reply's model: the full breakdown"
        case .toggleToolResults: return "show or hide the tool results of the newest or selected reply"
        case .toggleWeb: return "web search on or off for this session (OpenRouter's web plugin, paid per search)"
        }
    }
}
