import Foundation
import PrismTerminal

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

/// What a key can mean in the route breakdown (`Focus.routeWhy`).
public enum RouteWhyCommand: String, CaseIterable, Sendable {
    case up, down, pageUp = "page_up", pageDown = "page_down", close
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
