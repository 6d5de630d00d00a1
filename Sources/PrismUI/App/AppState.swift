import Foundation
import PrismCore
import PrismTerminal

/// Everything the screen shows and the keys act on, in one value.
///
/// Only the reducer changes it. Caches that make rendering fast (laid-out
/// markdown) live in the renderer, not here, so state stays a plain value that
/// tests can build and compare.
public struct AppState: Sendable {
    /// Which part of the screen takes the keys.
    public enum Focus: Sendable, Equatable {
        case prompt, transcript, picker, browser, help, themes, fallbacks, providers, stats, leaderboard, tools
        /// The full breakdown of a routed reply's decision (`RouteState.why`).
        case routeWhy
    }

    public var size: Size
    public var focus: Focus = .prompt
    public var session: Session
    public var demo: Bool
    public var theme: String
    /// The server replies come from when it is not OpenRouter (`localhost:11434`, a profile's
    /// name), for the screen to name it; nil for OpenRouter.
    public var serverLabel: String?

    public var prompt = PromptEditor()
    public var history = PromptHistory()
    /// Files and images to send with the next prompt (`/attach`).
    public var pendingAttachments: [Attachment] = []

    public var catalog: [ModelInfo] = []
    public var catalogFetchedAt: Date?
    public var catalogError: String?
    public var picker = ModelPickerState()
    /// Named lists of models to compare: config.toml's and those saved with `/set save`.
    public var modelSets = ModelSets()
    /// Routing above config for every request: each model's saved choice (`routing.json`, read
    /// at start and again when a draft begins, `.routingLoaded`); no flags in the chat screen.
    public var routing = RoutingLayers()

    /// One lane per model on screen: one in single chat, two to four in compare mode.
    public var lanes: [Lane] = [Lane()]
    /// The lane keys act on.
    public var focusedLane = 0
    /// Scrolling one compare pane scrolls them all.
    public var scrollLocked = false
    /// Increases with every request, so late events of a cancelled one are recognised.
    public var nextRequestID = 0
    /// Set by "edit last prompt": the prompt being edited; sending makes a new version (a sibling) of it.
    public var editingPromptID: String?
    /// The message the delete key was pressed on once; a second press (or y) deletes it, any other key keeps it.
    public var confirmingDeleteID: String?
    public var browser = SessionBrowserState()
    /// The fallback chain editor, while open (the picker may be over it, adding a model).
    public var fallbackEditor: FallbackEditorState?
    /// Default chains saved per model (`fallbacks.json`), applied when switching to a model
    /// in a session with no chain of its own.
    public var savedFallbacks: [String: [String]] = [:]
    /// The provider table of one model (`/providers`), while open.
    public var providers: ProviderTableState?
    /// Each model's price spread across its providers (by base id), once its providers were
    /// fetched: what `:nitro` and `:floor` may cost, shown in the picker's note.
    public var priceRanges: [String: PriceRange] = [:]
    /// The analytics view (`/stats`), while open.
    public var stats: StatsViewState?
    /// The range the analytics view last showed, so its key opens it there again.
    public var statsRange: StatsRange = .week
    /// The leaderboard view (`/leaderboard`), while open.
    public var leaderboard: LeaderboardViewState?
    /// Verdicts given in this window (pick, tie, all bad, thumbs): rounds and replies already
    /// judged, so a pick after a tie does not count the round twice.
    public var verdicts = VerdictState()
    /// Tool servers, the tool loop's limits and the `/tools` overlay (`Reducer+Tools`).
    public var tools = ToolsState()
    /// Blind compare: model names hidden (and panes shuffled) until a verdict; nil when not blind.
    public var blind: BlindCompare?
    /// Routing each prompt to a model chosen for it (the picker's route row, `/route`).
    public var route = RouteState()
    /// New comparisons start blind (`[compare] blind`, or `/blind`).
    public var blindByDefault = false

    /// Usage and limit of the key, when `/key` answered.
    public var credits: KeyInfo?
    /// What was spent today and this month across every session and command (from the
    /// ledger, refreshed by `computeSpentToday`; replies finished here are added at once).
    public var spend = SpendTotals()
    /// The circuits of models and providers from the shared health record (`readHealth`):
    /// a lane's fallback chain leaves out models whose circuit is open (`Reducer+Health`).
    public var health = HealthSnapshot()
    /// When `health` was last read (nil: never, as when the record is not kept).
    public var healthReadAt: Date?
    /// When `spend` was read from the ledger, so a day or month that ended since counts from zero.
    public var spendAsOf: Date?
    /// Today's part of `spend`.
    public var spentToday: Decimal {
        get { spend.today }
        set { spend.today = newValue }
    }
    /// The caps sends are checked against: config.toml's `[budget]`, changed by `/budget` for this session.
    public var budget = BudgetCaps()
    /// A send waiting for the free models' per-minute limit (see `Reducer+FreePacing`).
    var pacedSend: Reducer.PacedSend?
    /// Starts of requests to free models in the last minute: every process's from the
    /// ledger, plus this window's own since.
    public var freeStarts: [Date] = []
    /// A send the budget stopped or wants confirmed, until the user answers (see `Reducer+Budget`).
    public var budgetHold: BudgetHold?
    /// Credit left: the account's (`/credits`) or the key's limit; nil until known.
    public var balance: Balance?
    /// Why the balance is not known, when fetching it failed.
    public var balanceError: String?
    /// When the balance was last asked for: it is refreshed after replies, at most every `balanceRefreshInterval`.
    public var balanceAskedAt: Date?
    /// Credit left below this (USD) shows in the warning colour; nil: no floor. It is the
    /// budget's `credit_floor` (config.toml, or `/budget credit-floor` for this session).
    public var creditFloor: Decimal? {
        get { budget.creditFloor }
        set { budget.creditFloor = newValue }
    }
    /// `/key` was typed: the next balance answer is shown as a notice.
    public var keyReportPending = false
    /// A one-line message shown in the status bar until it expires (errors, "saved", "copied").
    public var notice: Notice?
    /// Increments on every tick while something is in progress; drives the spinner.
    public var spinnerFrame = 0
    public var now: Date
    public var quitRequested = false
    /// Why the last save of this session failed, until one succeeds (quitting then asks twice).
    public var saveError: String?
    /// The session file was deleted elsewhere: nothing is saved or journaled until `/keep`.
    public var deletedElsewhere = false
    /// Ctrl-Q was pressed once while saves were failing; the next one quits anyway.
    public var quitConfirmPending = false
    /// The signal that ended the app (SIGTERM, SIGHUP, ...), once everything was saved.
    public var terminationSignal: Int32?
    /// First line of the help overlay on screen.
    public var helpScroll = 0
    /// Names of the shipped and user themes, for the switcher.
    public var availableThemes: [String] = []

    public init(size: Size, session: Session, demo: Bool, theme: String, now: Date) {
        self.size = size
        self.session = session
        self.demo = demo
        self.theme = theme
        self.now = now
        resetLanes()
    }

    /// The model new prompts go to.
    public var model: String? { session.model }

    /// Catalog entry of the current model, when known.
    public var modelInfo: ModelInfo? { session.model.flatMap(catalogEntry) }

    /// The catalog entry with this id, variants included (`ModelVariant.entry`): from the
    /// picker's index once it is built, else by a scan.
    func catalogEntry(_ id: String) -> ModelInfo? {
        if let index = CatalogIndex.ifReady(catalog) { return ModelVariant.entry(for: id, exact: index.model(id:)) }
        return catalog.entry(for: id)
    }
}

/// A transient status-bar message.
public struct Notice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, error }
    public var text: String
    public var kind: Kind
    public var expires: Date

    public init(_ text: String, kind: Kind = .info, expires: Date) {
        self.text = text
        self.kind = kind
        self.expires = expires
    }
}

/// Scrolling of the transcript.
///
/// The position is an anchor (a message, a part of it and a row inside that) rather than
/// a row number, so only the messages and parts on screen ever need laying out. Scroll requests
/// are queued as intents and resolved by the transcript renderer, the only place
/// that knows how tall messages are at the current width.
public struct TranscriptViewState: Sendable, Equatable {
    public struct Anchor: Sendable, Equatable {
        public var messageID: String
        /// The part of the message (a long reply is laid out in parts) that holds the top row.
        public var part: Int
        /// Row within that part's laid-out lines that is at the top of the viewport.
        public var row: Int

        public init(messageID: String, part: Int = 0, row: Int) {
            self.messageID = messageID
            self.part = part
            self.row = row
        }
    }

    public enum ScrollIntent: Sendable, Equatable {
        case lines(Int)
        case pages(Int)
        case top
        case bottom
        case message(String)
    }

    /// Nil while following the newest text.
    public var anchor: Anchor?
    public var pendingScroll: [ScrollIntent] = []
    /// New text arrived while scrolled up.
    public var hasUnseenBelow = false
    /// Replies whose reasoning is expanded (collapsed by default).
    public var expandedReasoning: Set<String> = []
    /// Replies whose tool results are shown whole (one line each by default).
    public var expandedTools: Set<String> = []
    /// The message selected for copying, sibling flips and jumps.
    public var selectedMessageID: String?

    public init() {}

    public var isFollowing: Bool { anchor == nil && pendingScroll.isEmpty }

    /// Back to following the newest text (a reply starts streaming into this view).
    mutating func follow() {
        anchor = nil
        pendingScroll = []
        hasUnseenBelow = false
    }
}

/// Prompts sent before, for Up/Down recall.
public struct PromptHistory: Sendable, Equatable {
    public private(set) var entries: [String] = []
    /// Position while browsing; nil when not browsing.
    public var cursor: Int?
    /// What was being typed before browsing started.
    public var draft = ""

    public init(entries: [String] = []) {
        self.entries = entries
    }

    public mutating func record(_ prompt: String) {
        let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        if entries.last != prompt { entries.append(prompt) }
        if entries.count > 1000 { entries.removeFirst(entries.count - 1000) }
        cursor = nil
    }
}
