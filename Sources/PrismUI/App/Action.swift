import Foundation
import PrismCore
import PrismTerminal

/// Something that happened: a key, a tick, a stream event, a finished load.
///
/// Named after what happened, not what to do about it; the reducer decides.
public enum Action: Sendable {
    case input(InputEvent)
    case tick(Date)
    case completion(requestID: Int, event: CompletionEvent)
    case catalogLoaded(CatalogSnapshot)
    case catalogFailed(String)
    case keyInfoLoaded(KeyInfo)
    /// Credit left (the account's, or the key's limit), or why it is not known.
    case balanceLoaded(Balance)
    case balanceFailed(String)
    /// OpenRouter's record of a reply whose stream gave no cost (cancelled, failed, no usage);
    /// `round` and `spendKey` as in `.fetchGeneration`.
    case generationLoaded(sessionID: String, messageID: String, round: Int? = nil, spendKey: String? = nil, record: GenerationRecord)
    case generationFailed(sessionID: String, messageID: String, round: Int? = nil, spendKey: String? = nil, reason: String)
    case sessionsListed(SessionListing)
    case sessionLoaded(Session)
    /// Something the user asked for failed (see `OperationFailure`).
    case failed(OperationFailure)
    /// A session was exported to this file (Ctrl-E in the browser).
    case sessionExported(path: String)
    /// A save of a session failed (full disk, read-only folder): its reason, one line.
    case sessionNotSaved(id: String, reason: String)
    /// A save of this session went through (clears a save failure shown before).
    case sessionSaved(id: String)
    /// Another window or command had changed the session file; `merged` is what was
    /// written instead of `saved` (what this window sent), `summary` what came in.
    case sessionMerged(saved: Session, merged: Session, summary: MergeSummary)
    /// The session was deleted elsewhere, so this window's save was refused.
    case sessionDeletedElsewhere(id: String)
    case sessionDeleted(String)
    /// Today's and this month's spend, read from the ledger (`computeSpentToday`).
    case spendTotalsComputed(SpendTotals)
    /// Every model's and provider's circuit, read from the shared health record (`readHealth`).
    case healthRead(HealthSnapshot)
    /// `$EDITOR` closed: the edited draft, or why the draft stays as it was.
    case editorFinished(EditorResult)
    case themesListed([String])
    /// Sessions whose text contains every word of `query` (the browser filter).
    case sessionSearchFinished(query: String, ids: Set<String>)
    case themeApplied(String)
    /// `/attach` found the file (or the URL): it goes with the next prompt. `typed` is what the user wrote.
    case attachmentChecked(Attachment, typed: String)
    /// `/attach` could not use what the user typed.
    case attachmentRefused(typed: String, reason: String)
    /// Each model's saved provider preferences, read from `routing.json` (`.loadRouting`: when a
    /// draft begins and when a provider table opens).
    case routingLoaded([String: ProviderPreferences])
    /// Something the user should know that stops nothing (a damaged state file moved aside).
    case warned(String)
    /// The providers of a model, for its provider table; `stale` when the fetch failed and an older cached copy answered.
    case providersLoaded(ModelEndpoints, stale: Bool)
    case providersFailed(model: String, reason: String)
    /// The provider table's choice was written (nil: the model's routing was forgotten).
    case routingSaved(model: String, preferences: ProviderPreferences?)
    /// The analytics view's figures for one range (`.loadStats`).
    case statsLoaded(StatsReport)
    /// Why the figures of `range` could not be read, in one line.
    case statsFailed(range: StatsRange, reason: String)
    /// Every verdict in `prism.db`, for the leaderboard view (`.loadMatches`), or why they could not be read.
    case matchesLoaded([MatchRecord])
    case matchesFailed(String)
    /// The model chosen for the routed prompt asked as `id` (`.decideRoute`).
    case routeDecided(id: Int, decision: RouteDecision)
    /// What the tool host said of some servers (listed at start, started, restarted).
    case toolServersLoaded([ToolServerInfo])
    /// An approved tool call ended: its output (a failure as an error output) and how long it ran.
    case toolFinished(ToolRunID, ToolOutput, seconds: Double)
}

/// Work for the runtime: I/O the reducer asked for. Effects report back as actions.
public enum Effect: Sendable, Equatable {
    /// Streams a reply; `journal` (when the session is saved) keeps its text durable as it arrives.
    case startStream(requestID: Int, request: ChatRequest, journal: JournalTarget?)
    case cancelStream(requestID: Int)
    case saveSession(Session)
    /// Saves a session that was deleted elsewhere, because the user chose to keep it.
    case keepSession(Session)
    case loadCatalog(refresh: Bool)
    case fetchKeyInfo
    /// Asks for the credit left (`/credits`, else the key's limit) and reports `balanceLoaded` or `balanceFailed`.
    case fetchBalance
    /// Fetches `/generation` for a reply that ended without a cost (a few tries: the record appears late).
    /// `round`: which of the reply's tool rounds the record is for (nil: the reply's own, last
    /// request); `spendKey`: the ledger reservation it settles (nil: the reply id).
    case fetchGeneration(sessionID: String, messageID: String, round: Int? = nil, spendKey: String? = nil, generationID: String)
    case listSessions
    case searchSessions(query: String)
    case loadSession(id: String)
    case deleteSession(id: String)
    case renameSession(id: String, title: String)
    case exportSession(id: String)
    case openEditor(text: String)
    case copyToClipboard(String)
    case applyTheme(String)
    case listThemes
    case savePickerPreferences(favourites: [String], recents: [String])
    /// Remembers the theme chosen in the switcher for the next run.
    case saveTheme(String)
    /// Writes the change from one list of saved model sets to another (other windows'
    /// changes to sets this one did not touch are kept).
    case saveModelSets(before: [ModelSet], after: [ModelSet])
    case appendHistory(String)
    /// Saves (an empty chain: forgets) a model's default fallback chain in `fallbacks.json`.
    case saveFallbackDefault(model: String, chain: [String])
    /// Reads what was spent today across sessions and commands (for the status bar).
    case computeSpentToday
    /// Reads each model's saved provider preferences again and reports `routingLoaded`.
    case loadRouting
    /// Reads the circuits from the shared health record (answered with `healthRead`).
    case readHealth
    /// Records a finished reply in the reply history and its outcome in the shared health
    /// record (one transaction), then reads the circuits again.
    case recordReply(ReplyRecord)
    /// Reserves a reply's worst case in the spend ledger when its request starts, so other
    /// windows and commands count it while it streams (settled or released when it ends).
    case reserveSpend(replyID: String, request: SpendRequest, worstCase: Decimal)
    /// Records a finished reply in the spend ledger: what asked, its cost and where that came
    /// from; settles the reply's reservation when it has one (`replyID`).
    case recordSpend(SpendRequest, cost: Decimal, source: SpendEntry.CostSource, replyID: String? = nil)
    /// Drops a reply's reservation: it ended with no cost to record.
    case releaseSpend(replyID: String)
    /// Puts a cost learnt after the reply was recorded (`/generation`) on its row of the reply
    /// history: a reply's own, or a tool turn's once every round's is known.
    case fillReplyCost(replyID: String, cost: Decimal, source: CostSource)
    /// Fetches a model's providers through the endpoint cache (`refresh`: ignore a fresh copy)
    /// and reports `providersLoaded` or `providersFailed`.
    case loadProviders(model: String, refresh: Bool)
    /// Writes (nil: forgets) the routing saved for a model, and reports `routingSaved` or a failure.
    case saveRouting(model: String, preferences: ProviderPreferences?)
    /// Checks that what `/attach` names can be read, and reports `attachmentChecked` or `attachmentRefused`.
    case checkAttachment(String)
    /// Reads the analytics of a range from the reply history, off the UI thread, and reports
    /// `statsLoaded` or `statsFailed`.
    case loadStats(StatsRange)
    /// Adds the rows of one verdict (pick, tie, all bad, thumb) to `matches`, on the ledger queue.
    case recordMatches([MatchRecord])
    /// Marks each judged compare reply in the reply history (by reply id): won, lost, tie or all bad.
    case recordCompareOutcomes([String: ReplyRecord.CompareOutcome])
    /// Moves a round's verdicts (and reply history rows) to another tag, after `/tag`.
    case retagRound(promptIDs: [String], tag: PromptTag)
    /// Reads every verdict for the leaderboard view (answered with `matchesLoaded` or `matchesFailed`).
    case loadMatches
    /// Chooses a model for a routed prompt from the evidence (verdicts, measured speed; kept a
    /// short while), off the UI thread; answered with `routeDecided` (without ratings and
    /// speeds, and a warning, when prism.db cannot be read).
    case decideRoute(id: Int, ask: RouteAsk)
    /// Lists the configured tool servers without starting any (answered with `toolServersLoaded`).
    case listToolServers
    /// Starts these tool servers (lazily: a send with tools on, `/tools`), each answered with `toolServersLoaded`.
    case startToolServers([String])
    /// Stops a tool server and starts it again (`/tools`).
    case restartToolServer(String)
    /// Runs one approved tool call in a cancellable task (answered with `toolFinished`).
    case runTool(ToolRun)
    /// Cancels every tool call still running for this request's round (Esc ends the whole turn).
    case cancelTools(requestID: Int)
    case suspendToShell
    case quit
}

/// What a reply journal needs: the session's metadata with the reply and the prompt it answers.
public struct JournalTarget: Sendable, Equatable {
    public var session: Session
    public var replyID: String

    public init(session: Session, replyID: String) {
        self.session = session
        self.replyID = replyID
    }
}

/// What the reducer needs from outside: ids, the reply budget, bindings.
public struct ReducerEnvironment: Sendable {
    public var makeID: @Sendable () -> String
    public var makeSessionID: @Sendable (Date) -> String
    public var maxTokensCap: Int
    public var bindings: KeyBindings
    /// A request's worst case before it is sent, for the budget (the one seam: `RequestCost.estimate`),
    /// from the request and the session and leaf it was built from.
    public var estimateCost: @Sendable (ChatRequest, Session, String?) -> CostEstimate
    /// The calendar budget days and months are counted in (the local one).
    public var calendar: Calendar
    /// The pane order of a blind comparison (random; tests pass a fixed one).
    public var shuffle: @Sendable ([String]) -> [String] = { $0.shuffled() }
    /// Config's `[web]`, `[pdf]`, `[cache]`: what the web toggle turns on, and prompt caching.
    public var features = RequestFeatures()

    public init(makeID: @escaping @Sendable () -> String, makeSessionID: @escaping @Sendable (Date) -> String,
                maxTokensCap: Int = 4096, bindings: KeyBindings = .defaults,
                estimateCost: @escaping @Sendable (ChatRequest, Session, String?) -> CostEstimate = RequestCost.estimate, calendar: Calendar = .current) {
        self.makeID = makeID
        self.makeSessionID = makeSessionID
        self.maxTokensCap = maxTokensCap
        self.bindings = bindings
        self.estimateCost = estimateCost
        self.calendar = calendar
    }
}
