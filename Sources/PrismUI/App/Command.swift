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
        }
    }
}

/// What a key can mean inside the model picker (besides typing the search).
public enum PickerCommand: String, CaseIterable, Sendable {
    case choose, close, mark, favourite, sort, providers, variant
    case up, down, pageUp = "page_up", pageDown = "page_down"

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .choose: return "picker: choose the model, compare the marked ones or a set"
        case .close: return "picker: close it"
        case .mark: return "picker: mark a model to compare (or a set's models)"
        case .favourite: return "picker: star or unstar a model (stars sort first)"
        case .sort: return "picker: change the sort order"
        case .providers: return "picker: the highlighted model's providers (routing)"
        case .variant: return "picker: cycle the row's variants (:free, :nitro, :floor, :online, …)"
        case .up, .down, .pageUp, .pageDown: return "picker: move the highlight"
        }
    }
}

/// What a key can mean in the session browser (besides typing the filter). In the rename
/// field, the keys of `resume` save the title and the keys of `close` give up.
public enum BrowserCommand: String, CaseIterable, Sendable {
    case resume, close, rename, delete, export
    case up, down, pageUp = "page_up", pageDown = "page_down"
}

/// What a key can do in a text field (the prompt, the picker's search, the session filter,
/// the rename field): readline's keys by default. Printable characters always type.
public enum EditorCommand: String, CaseIterable, Sendable {
    case lineStart = "line_start", lineEnd = "line_end", left, right, wordLeft = "word_left", wordRight = "word_right"
    case killToEnd = "kill_to_end", killToStart = "kill_to_start", killWord = "kill_word", yank
    case backspace, deleteForward = "delete_forward"

    /// A few words for the help overlay.
    public var summary: String {
        switch self {
        case .lineStart: return "line start"
        case .lineEnd: return "line end"
        case .left: return "a character left"
        case .right: return "a character right"
        case .wordLeft: return "a word left"
        case .wordRight: return "a word right"
        case .killToEnd: return "cut to the end"
        case .killToStart: return "cut to the start"
        case .killWord: return "cut a word"
        case .yank: return "put the cut text back"
        case .backspace: return "delete left"
        case .deleteForward: return "delete right"
        }
    }
}

/// What a key can mean while Prism asks a yes/no question (delete a session, delete a
/// message): `yes` answers it; any other key keeps things as they are.
public enum ConfirmCommand: String, CaseIterable, Sendable {
    case yes
}

/// What a key can mean in the theme switcher.
public enum ThemesCommand: String, CaseIterable, Sendable {
    case previous, next, keep
}

/// What a key can mean while the budget holds a send (refused by a cap, or above `confirm_above`).
public enum BudgetCommand: String, CaseIterable, Sendable {
    case sendAnyway = "send_anyway", lowerMaxTokens = "lower_max_tokens", back

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .sendAnyway: return "budget: send the held prompt anyway (this once)"
        case .lowerMaxTokens: return "budget: send it with max_tokens lowered to fit the cap"
        case .back: return "budget: go back to the draft, nothing sent"
        }
    }
}

/// What a key can mean in the fallback chain editor.
public enum FallbacksCommand: String, CaseIterable, Sendable {
    case add, remove, moveUp = "move_up", moveDown = "move_down", up, down, save, discard
    case saveDefault = "save_default"

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .add: return "fallbacks: add a model (from the picker)"
        case .remove: return "fallbacks: remove the selected model"
        case .moveUp, .moveDown: return "fallbacks: move the selected model up or down"
        case .up, .down: return "fallbacks: move the highlight"
        case .save: return "fallbacks: keep the chain for this session"
        case .discard: return "fallbacks: close, forgetting the changes"
        case .saveDefault: return "fallbacks: keep it as the default chain of the current model"
        }
    }
}

/// What a key can mean in the provider table (`/providers`): moving, the row's provider
/// (pin, exclude, quantization), the model's routing settings, saving or discarding.
public enum ProvidersCommand: String, CaseIterable, Sendable {
    case up, down, pageUp = "page_up", pageDown = "page_down"
    case sort, pin, moveUp = "move_up", moveDown = "move_down", exclude, quantization
    case fallbacks, routingSort = "routing_sort", maxPrice = "max_price", dataCollection = "data_collection", zdr
    case save, close, reset, refresh

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .up, .down, .pageUp, .pageDown: return "providers: move the highlight"
        case .sort: return "providers: list by price, throughput, latency or uptime (the view only)"
        case .pin: return "providers: pin or unpin the provider (tried in pin order, 1 first)"
        case .moveUp: return "providers: move a pinned provider earlier"
        case .moveDown: return "providers: move a pinned provider later"
        case .exclude: return "providers: never use the provider (or use it again)"
        case .quantization: return "providers: only the highlighted row's quantization (toggle; several allowed)"
        case .fallbacks: return "providers: allow fallbacks to other providers, on or off"
        case .routingSort: return "providers: ask OpenRouter to prefer price, throughput or latency (or neither)"
        case .maxPrice: return "providers: max price in and out, USD per million tokens"
        case .dataCollection: return "providers: deny providers that store or train on data (toggle)"
        case .zdr: return "providers: zero-data-retention endpoints only (toggle)"
        case .save: return "providers: save the routing for this model and close"
        case .close: return "providers: close, discarding unsaved changes"
        case .reset: return "providers: forget the routing saved for this model"
        case .refresh: return "providers: fetch the providers again now"
        }
    }
}

/// What a key can mean in the analytics view (`/stats`): the range, which table, scrolling, leaving.
public enum StatsCommand: String, CaseIterable, Sendable {
    case range, models, providers, tags, up, down, pageUp = "page_up", pageDown = "page_down", close
}

/// What a key can mean in the leaderboard view.
public enum LeaderboardCommand: String, CaseIterable, Sendable {
    case nextTag = "next_tag", previousTag = "previous_tag", up, down, close

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .nextTag, .previousTag: return "leaderboard: show every tag, or one tag's rounds only"
        case .up, .down: return "leaderboard: scroll the rows"
        case .close: return "leaderboard: close it"
        }
    }
}

/// Which key triggers which command, per context.
///
/// `commands` are the prompt's (and, where no transcript key says otherwise, the
/// transcript's and the overlays' fallback); `transcript` holds keys that mean a command
/// only outside a text editor; `picker`, `browser` and `themes` the keys inside those overlays.
public struct KeyBindings: Sendable, Equatable {
    public private(set) var commands: [Key: Command]
    public private(set) var transcript: [Key: Command]
    public private(set) var picker: [Key: PickerCommand]
    public private(set) var browser: [Key: BrowserCommand]
    public private(set) var themes: [Key: ThemesCommand]
    public private(set) var budget: [Key: BudgetCommand] = KeyBindings.budgetKeys
    public private(set) var fallbacks: [Key: FallbacksCommand] = KeyBindings.fallbacksKeys
    public private(set) var confirm: [Key: ConfirmCommand] = KeyBindings.confirmKeys
    public private(set) var editor: [Key: EditorCommand] = KeyBindings.editorKeys
    public private(set) var providers: [Key: ProvidersCommand] = KeyBindings.providersKeys
    public private(set) var stats: [Key: StatsCommand] = KeyBindings.statsKeys
    public private(set) var leaderboard: [Key: LeaderboardCommand] = KeyBindings.leaderboardKeys
    /// The key hints name for a command bound to several ("context.command", plain for the
    /// prompt): the first one the config listed, or the usual one by default.
    private var named: [String: Key] = [
        "newline": Key(.enter, .alt), "picker.mark": .ctrl("t"), "themes.keep": Key(.enter), "confirm.yes": .char("y"),
        "fallbacks.add": .char("a"), "fallbacks.remove": .char("d"), "fallbacks.move_up": .char("K"), "fallbacks.move_down": .char("J"),
        "picker.providers": .alt("r"), "providers.save": Key(.enter), "providers.move_up": .char("["), "providers.move_down": .char("]"),
        "open_stats": Key(.function(2)), "stats.range": Key(.tab), "stats.close": Key(.escape),
        "stats.up": Key(.up), "stats.down": Key(.down),
        "leaderboard.next_tag": Key(.tab), "leaderboard.previous_tag": Key(.backTab), "leaderboard.up": Key(.up),
        "leaderboard.down": Key(.down), "leaderboard.close": Key(.escape), "transcript.thumb_up": .char("+"),
        "transcript.thumb_down": .char("-"),
    ]

    public init(_ commands: [Key: Command], transcript: [Key: Command] = KeyBindings.transcriptKeys,
                picker: [Key: PickerCommand] = KeyBindings.pickerKeys, browser: [Key: BrowserCommand] = KeyBindings.browserKeys,
                themes: [Key: ThemesCommand] = KeyBindings.themesKeys) {
        self.commands = commands
        self.transcript = transcript
        self.picker = picker
        self.browser = browser
        self.themes = themes
    }
    public static let defaults = KeyBindings([
        .ctrl("q"): .quit,
        Key(.enter): .send,
        Key(.enter, .alt): .newline,
        .ctrl("j"): .newline,
        .ctrl("c"): .cancel,
        Key(.escape): .cancelOrClear,
        .ctrl("p"): .togglePicker,
        .ctrl("o"): .openSessions,
        Key(.function(1)): .help,
        .ctrl("t"): .switchTheme,
        Key(.pageUp): .pageUp,
        Key(.pageDown): .pageDown,
        Key(.up, .alt): .previousMessage,
        Key(.down, .alt): .nextMessage,
        Key(.home, .control): .scrollTop,
        Key(.end, .control): .scrollBottom,
        .ctrl("r"): .toggleReasoning,
        .alt("c"): .copyMessage,
        .alt("x"): .copyCode,
        .ctrl("g"): .regenerate,
        .alt("e"): .editLast,
        .ctrl("n"): .newSession,
        .ctrl("x"): .openEditor,
        .alt("["): .previousSibling,
        .alt("]"): .nextSibling,
        Key(.tab): .focusTranscript,
        .ctrl("z"): .suspend,
        Key(.left, .alt): .previousPane,
        Key(.right, .alt): .nextPane,
        .alt("1"): .focusPane1,
        .alt("2"): .focusPane2,
        .alt("3"): .focusPane3,
        .alt("4"): .focusPane4,
        .alt("l"): .toggleScrollLock,
        .alt("p"): .pickPane,
        .alt("k"): .editFallbacks,
        .alt("r"): .openProviders,
        Key(.function(2)): .openStats,
        .alt("s"): .openStats,
        .alt("t"): .tieRound,
        .alt("n"): .allBad,
        .alt("="): .thumbUp,
        .alt("-"): .thumbDown,
        Key(.function(3)): .openLeaderboard,
    ])

    /// The default keys that mean a command only outside a text editor (in the transcript).
    public static let transcriptKeys: [Key: Command] = [
        .char("?"): .help, .char("k"): .scrollUp, .char("j"): .scrollDown, Key(.up): .scrollUp, Key(.down): .scrollDown,
        .char("g"): .scrollTop, .char("G"): .scrollBottom, .char("["): .previousMessage, .char("]"): .nextMessage,
        .char("r"): .toggleReasoning, .char("y"): .copyMessage, .char("c"): .copyCode, .char("q"): .quit,
        .char(" "): .pageDown, .char("b"): .pageUp, .char("<"): .previousSibling, .char(">"): .nextSibling,
        .char("d"): .deleteMessage, Key(.delete): .deleteMessage, .char("f"): .forkSession,
        .char("+"): .thumbUp, .char("-"): .thumbDown,
    ]

    /// The default keys of the leaderboard view.
    public static let leaderboardKeys: [Key: LeaderboardCommand] = [
        Key(.tab): .nextTag, Key(.right): .nextTag, .char("t"): .nextTag, Key(.backTab): .previousTag, Key(.left): .previousTag,
        Key(.up): .up, .char("k"): .up, Key(.down): .down, .char("j"): .down, Key(.escape): .close, .char("q"): .close,
    ]

    /// The default keys inside the model picker. Not Space for marking: Space is text in
    /// the search ("claude sonnet"). Ctrl-T is "tag", as in file managers, and arrives the
    /// same in every terminal (Ctrl-Space does not); Insert is the other file-manager habit.
    public static let pickerKeys: [Key: PickerCommand] = [
        Key(.enter): .choose, Key(.escape): .close, .ctrl("t"): .mark, Key(.insert): .mark,
        .ctrl("s"): .favourite, Key(.tab): .sort, .alt("r"): .providers, .ctrl("o"): .providers, .ctrl("v"): .variant,
        Key(.up): .up, Key(.down): .down, Key(.pageUp): .pageUp, Key(.pageDown): .pageDown,
    ]

    /// The default keys of the provider table. Letters are free here: the table has no text
    /// field except the max price one, which takes its own keys while open.
    public static let providersKeys: [Key: ProvidersCommand] = [
        Key(.up): .up, Key(.down): .down, .char("k"): .up, .char("j"): .down, Key(.pageUp): .pageUp, Key(.pageDown): .pageDown,
        .char("s"): .sort, .char("p"): .pin, .char(" "): .pin, .char("["): .moveUp, .char("]"): .moveDown,
        Key(.up, .shift): .moveUp, Key(.down, .shift): .moveDown, .char("x"): .exclude, .char("q"): .quantization,
        .char("f"): .fallbacks, .char("o"): .routingSort, .char("m"): .maxPrice, .char("d"): .dataCollection, .char("z"): .zdr,
        Key(.enter): .save, .ctrl("s"): .save, Key(.escape): .close, .char("r"): .reset, .ctrl("r"): .refresh,
    ]

    /// The default keys of the analytics view: letters are free, nothing is typed there.
    public static let statsKeys: [Key: StatsCommand] = [
        Key(.tab): .range, .char("r"): .range, .char("m"): .models, .char("p"): .providers, .char("t"): .tags,
        Key(.up): .up, .char("k"): .up, Key(.down): .down, .char("j"): .down, Key(.pageUp): .pageUp, Key(.pageDown): .pageDown,
        Key(.escape): .close, .char("q"): .close,
    ]

    /// The default keys in the session browser.
    public static let browserKeys: [Key: BrowserCommand] = [
        Key(.enter): .resume, Key(.escape): .close, .ctrl("r"): .rename, .ctrl("d"): .delete, .ctrl("s"): .export,
        Key(.up): .up, Key(.down): .down, Key(.pageUp): .pageUp, Key(.pageDown): .pageDown,
    ]

    /// The default keys in the theme switcher: moving previews, and the theme you leave it on stays.
    public static let themesKeys: [Key: ThemesCommand] = [Key(.up): .previous, Key(.down): .next, Key(.enter): .keep, Key(.escape): .keep]

    /// The default keys while the budget holds a send. Not Enter: a second Enter out of habit
    /// must not spend past a cap.
    public static let budgetKeys: [Key: BudgetCommand] = [.char("y"): .sendAnyway, .char("l"): .lowerMaxTokens, Key(.escape): .back]

    /// The default keys of the fallback chain editor: letters, since nothing is typed there.
    public static let fallbacksKeys: [Key: FallbacksCommand] = [
        .char("a"): .add, Key(.insert): .add, .char("d"): .remove, Key(.delete): .remove,
        .char("K"): .moveUp, Key(.up, .alt): .moveUp, .char("J"): .moveDown, Key(.down, .alt): .moveDown,
        Key(.up): .up, .char("k"): .up, Key(.down): .down, .char("j"): .down,
        Key(.enter): .save, Key(.escape): .discard, .char("s"): .saveDefault,
    ]

    /// The default keys of every text field: readline's, plus the arrows, Home and End.
    public static let editorKeys: [Key: EditorCommand] = [
        .ctrl("a"): .lineStart, .ctrl("e"): .lineEnd, .ctrl("b"): .left, .ctrl("f"): .right,
        .ctrl("k"): .killToEnd, .ctrl("u"): .killToStart, .ctrl("w"): .killWord, .ctrl("y"): .yank,
        .ctrl("d"): .deleteForward, .ctrl("h"): .backspace, .alt("b"): .wordLeft, .alt("f"): .wordRight,
        Key(.backspace): .backspace, Key(.delete): .deleteForward, Key(.left): .left, Key(.right): .right,
        Key(.left, .control): .wordLeft, Key(.right, .control): .wordRight, Key(.home): .lineStart, Key(.end): .lineEnd,
        // Alt and Shift with an arrow move a character, as before keys were data: Alt-←/→ means
        // "pane" only in compare mode, and a terminal may add Shift.
        Key(.left, .alt): .left, Key(.right, .alt): .right, Key(.left, .shift): .left, Key(.right, .shift): .right,
    ]

    /// The default answer keys of a yes/no question.
    public static let confirmKeys: [Key: ConfirmCommand] = [.char("y"): .yes, .char("Y"): .yes]

    /// The contexts a `[keys]` entry can name before a dot (`picker.mark`), besides the prompt's
    /// plain names. `compare.pick_pane` is the same binding as plain `pick_pane`.
    public static let contexts = ["transcript", "picker", "browser", "themes", "confirm", "editor", "budget", "fallbacks", "compare", "providers", "stats", "leaderboard"]

    public func command(for key: Key) -> Command? { commands[key] }

    /// The keys bound to a command, for the help overlay.
    public func keys(for command: Command) -> [Key] {
        Self.sortedKeys(commands.filter { $0.value == command }.map(\.key))
    }

    /// The transcript-only keys bound to a command.
    public func transcriptKeys(for command: Command) -> [Key] {
        Self.sortedKeys(transcript.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a picker command.
    public func keys(for command: PickerCommand) -> [Key] {
        Self.sortedKeys(picker.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a session browser command.
    public func keys(for command: BrowserCommand) -> [Key] {
        Self.sortedKeys(browser.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a theme switcher command.
    public func keys(for command: ThemesCommand) -> [Key] {
        Self.sortedKeys(themes.filter { $0.value == command }.map(\.key))
    }

    /// How hints and notices name a command's key now: the first key the config listed (or
    /// the usual default), else the shortest bound, or the config name in brackets when
    /// nothing is bound (so a hint never lies).
    public func name(_ command: Command) -> String {
        if let key = named[command.rawValue], commands[key] == command { return key.hintName }
        return Self.shortest(keys(for: command))?.hintName ?? "[\(command.rawValue)]"
    }

    /// How the transcript's hints name a command's key: its shortest transcript-only key,
    /// else the prompt's key (which works in the transcript too).
    public func transcriptName(_ command: Command) -> String {
        if let key = named["transcript." + command.rawValue], transcript[key] == command { return key.hintName }
        return Self.shortest(transcriptKeys(for: command))?.hintName ?? name(command)
    }

    /// The same for a picker command.
    public func name(_ command: PickerCommand) -> String {
        name(command, in: picker, context: "picker")
    }

    /// The same for a session browser command.
    public func name(_ command: BrowserCommand) -> String {
        name(command, in: browser, context: "browser")
    }

    /// The same for an editing key.
    public func name(_ command: EditorCommand) -> String {
        name(command, in: editor, context: "editor")
    }

    /// The same for the answer of a yes/no question.
    public func name(_ command: ConfirmCommand) -> String {
        name(command, in: confirm, context: "confirm")
    }

    /// The same for a theme switcher command.
    public func name(_ command: ThemesCommand) -> String {
        name(command, in: themes, context: "themes")
    }

    /// The keys bound to a budget command.
    public func keys(for command: BudgetCommand) -> [Key] {
        Self.sortedKeys(budget.filter { $0.value == command }.map(\.key))
    }

    /// The same for a budget command.
    public func name(_ command: BudgetCommand) -> String {
        name(command, in: budget, context: "budget")
    }

    /// The keys bound to a fallback chain editor command.
    public func keys(for command: FallbacksCommand) -> [Key] {
        Self.sortedKeys(fallbacks.filter { $0.value == command }.map(\.key))
    }

    /// The same for a fallback chain editor command.
    public func name(_ command: FallbacksCommand) -> String {
        name(command, in: fallbacks, context: "fallbacks")
    }

    /// The keys bound to a provider table command.
    public func keys(for command: ProvidersCommand) -> [Key] {
        Self.sortedKeys(providers.filter { $0.value == command }.map(\.key))
    }

    /// The same for a provider table command.
    public func name(_ command: ProvidersCommand) -> String {
        name(command, in: providers, context: "providers")
    }

    /// The keys bound to an analytics view command.
    public func keys(for command: StatsCommand) -> [Key] {
        Self.sortedKeys(stats.filter { $0.value == command }.map(\.key))
    }

    /// The same for an analytics view command.
    public func name(_ command: StatsCommand) -> String {
        name(command, in: stats, context: "stats")
    }

    /// The keys bound to a leaderboard view command.
    public func keys(for command: LeaderboardCommand) -> [Key] {
        Self.sortedKeys(leaderboard.filter { $0.value == command }.map(\.key))
    }

    /// The same for a leaderboard view command.
    public func name(_ command: LeaderboardCommand) -> String {
        name(command, in: leaderboard, context: "leaderboard")
    }

    /// How hints name a command of one overlay context: the first key the config listed for
    /// it, else its shortest key, else the config name in brackets (so a hint never lies).
    private func name<C: RawRepresentable & Equatable>(_ command: C, in map: [Key: C], context: String) -> String
        where C.RawValue == String {
        if let key = named[context + "." + command.rawValue], map[key] == command { return key.hintName }
        return Self.shortest(Self.sortedKeys(map.filter { $0.value == command }.map(\.key)))?.hintName
            ?? "[\(context).\(command.rawValue)]"
    }

    /// Alphabetical by config spelling, so the help overlay's order is stable.
    private static func sortedKeys(_ keys: [Key]) -> [Key] {
        keys.sorted { $0.description < $1.description }
    }

    /// The key hints name: the shortest to read, the first alphabetically among equals.
    static func shortest(_ keys: [Key]) -> Key? {
        keys.min { ($0.hintName.count, $0.description) < ($1.hintName.count, $1.description) }
    }

    /// Applies the config file's `[keys]` table: `command = "key"` or `"key1, key2"` for the
    /// prompt, `context.command` (from `[keys.picker]`-style tables, or dotted names) for the
    /// other contexts. A command listed loses its default keys in that context; the first key
    /// listed is the one hints name. Returns one warning per entry it could not use.
    public mutating func apply(_ table: [String: String], parse: (String) -> Key?) -> [String] {
        var warnings: [String] = []
        for (name, spec) in table.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let context = parts.count == 2 ? parts[0] : nil
            let commandName = parts.last ?? name
            var keys: [Key] = []
            for part in spec.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                if let key = parse(text) { keys.append(key) } else { warnings.append("[keys] \(name): unknown key '\(text)'") }
            }
            func unknown<C: RawRepresentable & CaseIterable>(_ type: C.Type, in context: String) -> String where C.RawValue == String {
                "[keys.\(context)]: unknown command '\(commandName)' (use " + C.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            }
            var known = true
            switch context {
            case nil:
                if let command = Command(rawValue: commandName) { Self.bind(&commands, command, keys) } else {
                    warnings.append("[keys]: unknown command '\(name)'")
                    known = false
                }
            case "compare"?:
                if let command = Command(rawValue: commandName), command.isCompareOnly { Self.bind(&commands, command, keys) } else {
                    warnings.append("[keys.compare]: unknown command '\(commandName)' (use "
                        + Command.allCases.filter(\.isCompareOnly).map(\.rawValue).joined(separator: ", ") + ")")
                    known = false
                }
            case "transcript"?:
                if let command = Command(rawValue: commandName) { Self.bind(&transcript, command, keys) } else {
                    warnings.append("[keys.transcript]: unknown command '\(commandName)'")
                    known = false
                }
            case "picker"?:
                if let command = PickerCommand(rawValue: commandName) { Self.bind(&picker, command, keys) } else {
                    warnings.append(unknown(PickerCommand.self, in: "picker"))
                    known = false
                }
            case "browser"?:
                if let command = BrowserCommand(rawValue: commandName) { Self.bind(&browser, command, keys) } else {
                    warnings.append(unknown(BrowserCommand.self, in: "browser"))
                    known = false
                }
            case "budget"?:
                if let command = BudgetCommand(rawValue: commandName) { Self.bind(&budget, command, keys) } else {
                    warnings.append(unknown(BudgetCommand.self, in: "budget"))
                    known = false
                }
            case "fallbacks"?:
                if let command = FallbacksCommand(rawValue: commandName) { Self.bind(&fallbacks, command, keys) } else {
                    warnings.append(unknown(FallbacksCommand.self, in: "fallbacks"))
                    known = false
                }
            case "themes"?:
                if let command = ThemesCommand(rawValue: commandName) { Self.bind(&themes, command, keys) } else {
                    warnings.append(unknown(ThemesCommand.self, in: "themes"))
                    known = false
                }
            case "editor"?:
                if let command = EditorCommand(rawValue: commandName) { Self.bind(&editor, command, keys) } else {
                    warnings.append(unknown(EditorCommand.self, in: "editor"))
                    known = false
                }
            case "providers"?:
                if let command = ProvidersCommand(rawValue: commandName) { Self.bind(&providers, command, keys) } else {
                    warnings.append(unknown(ProvidersCommand.self, in: "providers"))
                    known = false
                }
            case "stats"?:
                if let command = StatsCommand(rawValue: commandName) { Self.bind(&stats, command, keys) } else {
                    warnings.append(unknown(StatsCommand.self, in: "stats"))
                    known = false
                }
            case "leaderboard"?:
                if let command = LeaderboardCommand(rawValue: commandName) { Self.bind(&leaderboard, command, keys) } else {
                    warnings.append(unknown(LeaderboardCommand.self, in: "leaderboard"))
                    known = false
                }
            case "confirm"?:
                if let command = ConfirmCommand(rawValue: commandName) { Self.bind(&confirm, command, keys) } else {
                    warnings.append(unknown(ConfirmCommand.self, in: "confirm"))
                    known = false
                }
            case let other?:
                warnings.append("[keys]: unknown context '\(other)' in '\(name)' (use "
                    + Self.contexts.joined(separator: ", ") + ", or a plain command name for the prompt)")
                known = false
            }
            if known, let first = keys.first {
                named[context == "compare" ? commandName : name] = first
            }
        }
        return warnings
    }

    /// Gives `command` exactly `keys` in one context's map (nothing changes when no key parsed).
    private static func bind<C: Equatable>(_ map: inout [Key: C], _ command: C, _ keys: [Key]) {
        guard !keys.isEmpty else { return }
        map = map.filter { $0.value != command }
        for key in keys { map[key] = command }
    }
}

extension Key {
    /// How hints, notices and the help overlay name the key: `Ctrl-P`, `Alt-Enter`, `F1`, `Esc`, `q`.
    public var hintName: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        switch code {
        case .character(" "): parts.append("Space")
        case .character(let c) where !modifiers.isEmpty:
            if c.isUppercase { parts.append("Shift") }
            parts.append(c.uppercased())
        case .character(let c): parts.append(String(c))
        case .enter: parts.append("Enter")
        case .tab: parts.append("Tab")
        case .backTab: parts.append("Shift-Tab")
        case .backspace: parts.append("Backspace")
        case .delete: parts.append("Delete")
        case .escape: parts.append("Esc")
        case .insert: parts.append("Insert")
        case .up: parts.append("↑")
        case .down: parts.append("↓")
        case .left: parts.append("←")
        case .right: parts.append("→")
        case .home: parts.append("Home")
        case .end: parts.append("End")
        case .pageUp: parts.append("PgUp")
        case .pageDown: parts.append("PgDn")
        case .function(let n): parts.append("F\(n)")
        }
        return parts.joined(separator: "-")
    }
}
