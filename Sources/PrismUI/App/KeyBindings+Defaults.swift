import Foundation
import PrismTerminal

/// The keys every context starts with, before config.toml's `[keys]` changes them.
extension KeyBindings {
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
        .alt("w"): .routeWhy,
        .alt("i"): .toggleToolResults,
        .alt("o"): .toggleWeb,
    ])

    /// The default keys that mean a command only outside a text editor (in the transcript).
    public static let transcriptKeys: [Key: Command] = [
        .char("?"): .help, .char("k"): .scrollUp, .char("j"): .scrollDown, Key(.up): .scrollUp, Key(.down): .scrollDown,
        .char("g"): .scrollTop, .char("G"): .scrollBottom, .char("["): .previousMessage, .char("]"): .nextMessage,
        .char("r"): .toggleReasoning, .char("y"): .copyMessage, .char("c"): .copyCode, .char("q"): .quit,
        .char(" "): .pageDown, .char("b"): .pageUp, .char("<"): .previousSibling, .char(">"): .nextSibling,
        .char("d"): .deleteMessage, Key(.delete): .deleteMessage, .char("f"): .forkSession,
        .char("+"): .thumbUp, .char("-"): .thumbDown, .char("o"): .toggleToolResults,
    ]

    /// The default keys of the route breakdown.
    public static let whyKeys: [Key: RouteWhyCommand] = [
        Key(.up): .up, .char("k"): .up, Key(.down): .down, .char("j"): .down, Key(.pageUp): .pageUp, Key(.pageDown): .pageDown,
        .char(" "): .pageDown, Key(.escape): .close, .char("q"): .close,
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
}
