import Foundation
import Logging
import PrismCore

/// The real effect runner: the OpenRouter client, the session store, the catalog cache.
///
/// Saves go through one serial queue and collapse to the newest pending version of
/// each session, so a burst of saves never writes stale data last.
public final class LiveEffects: EffectHandling, @unchecked Sendable {
    let client: OpenRouterClient
    let store: any SessionStoring
    let catalog: CatalogCache
    let preferences: PreferencesStore
    let fetchKeyInfo: Bool
    /// Where session files are, for the browser's full-text search (nil: search titles only).
    let sessionsFolder: URL?
    /// Spend across sessions and commands, in the shared ledger (nil: not tracked, as in demo mode).
    let ledger: SpendLedger?
    /// The shared health record of models and providers (nil: not kept, as in demo mode); read and written on `ledgerQueue`.
    let health: RouteHealth?
    /// The user's verdicts for the leaderboard (nil: not kept, as in demo mode); read and written on `ledgerQueue`.
    let matches: MatchStore?
    /// The reply history on the health record's database: each finished reply's row and outcome, written together.
    let history: ReplyHistory?
    /// Where sets saved with `/set save` live (nil: not kept).
    let modelSets: ModelSetStore?
    /// Each model's saved provider preferences, `routing.json` (nil: none, as in demo mode).
    let savedRouting: SavedRouting?
    /// Where default fallback chains per model live (nil: not kept).
    let fallbacks: SavedFallbacks?
    /// Each model's providers, cached for a short while (nil: the provider table cannot fetch).
    let endpoints: EndpointCache?
    /// The analytics of the reply history (nil: no history kept here, and the view says so).
    let statsSource: (any StatsSource)?
    /// What routing reads (verdicts, a month's speeds), kept 30 s or until a verdict or reply is recorded.
    let routeEvidence: RouteEvidenceCache
    /// Stats reads, one at a time and in order, off the UI thread.
    let statsQueue = DispatchQueue(label: "prism.stats", qos: .userInitiated)
    let logger = Logger(label: "prism.ui")
    /// The tool servers (MCP in the app; `NoToolHost` when none is configured).
    let toolHost: any ToolHost
    /// The tasks of tool calls running now, by the call they answer (Esc cancels them).
    let toolTasks = ToolTasks()

    private let lock = NSLock()
    private var streams: [Int: StreamHandle] = [:]
    /// The journals of the replies streaming now, flushed before every frame.
    private var journals: [Int: ReplyJournal] = [:]
    private var pendingSaves: [String: Session] = [:]
    /// Why the most recent session save failed, until one succeeds (read after the UI quits).
    private var lastSaveFailure: String?
    let saveQueue = DispatchQueue(label: "prism.save")
    /// Every ledger read and write, in order: a reply's record lands before the totals read after it.
    let ledgerQueue = DispatchQueue(label: "prism.ledger", qos: .utility)
    /// The ledger reservation of each reply streaming (or waiting for its billed cost), by
    /// reply id; touched only on `ledgerQueue`.
    private nonisolated(unsafe) var reservations: [String: ReservationID] = [:]

    public init(client: OpenRouterClient, store: any SessionStoring, catalog: CatalogCache,
                preferences: PreferencesStore, fetchKeyInfo: Bool, sessionsFolder: URL? = nil, ledger: SpendLedger? = nil,
                modelSets: ModelSetStore? = nil, savedRouting: SavedRouting? = nil, fallbacks: SavedFallbacks? = nil,
                endpoints: EndpointCache? = nil, health: RouteHealth? = nil, statsSource: (any StatsSource)? = nil,
                matches: MatchStore? = nil, keepPrompts: Bool = false, toolHost: any ToolHost = NoToolHost()) {
        self.toolHost = toolHost
        self.matches = matches
        self.savedRouting = savedRouting
        self.endpoints = endpoints
        self.health = health
        let history = health.map { ReplyHistory(health: $0, keepPrompts: keepPrompts) }
        self.history = history
        // The analytics view reads the reply history this window writes to, unless a test gives another source.
        self.statsSource = statsSource ?? history
        self.routeEvidence = RouteEvidenceCache { now in
            guard let matches, let history else { return RouteEvidence() }  // demo mode keeps no database
            return try RouteEvidence.read(matches: matches, history: history, now: now)
        }
        self.sessionsFolder = sessionsFolder
        self.fallbacks = fallbacks
        self.modelSets = modelSets
        self.ledger = ledger
        self.client = client
        self.store = store
        self.catalog = catalog
        self.preferences = preferences
        self.fetchKeyInfo = fetchKeyInfo
    }

    public func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .startStream(let id, let request, let target):
            // Events go straight from the decoding thread to the UI thread's inbox, each
            // written to the reply's journal first: the text is on disk before it is on
            // screen, and a finished reply is synced before it is shown finished. The
            // handle is stored under the lock the final event takes to remove it, so a
            // stream that ends at once cannot leave its handle behind.
            let client = self.client
            let journal = target.flatMap {
                (store as? any ReplyJournaling)?.openJournal(session: $0.session, replyID: $0.replyID, buffered: true)
            }
            lock.withLock {
                journals[id] = journal
                streams[id] = client.streamChat(request) { [weak self] event in
                    journal?.record(event)
                    if case .finished = event {
                        self?.lock.withLock {
                            _ = self?.streams.removeValue(forKey: id)
                            _ = self?.journals.removeValue(forKey: id)
                        }
                    }
                    post(.completion(requestID: id, event: event))
                }
            }
        case .cancelStream(let id):
            let stream = lock.withLock { streams.removeValue(forKey: id) }
            stream?.cancel()
        case .saveSession(let session):
            save(session, post: post)
        case .keepSession(let session):
            let store = self.store
            lock.withLock { pendingSaves[session.id] = nil }
            saveQueue.async { [weak self] in
                do {
                    try store.keep(session)
                    self?.lock.withLock { self?.lastSaveFailure = nil }
                    post(.sessionSaved(id: session.id))
                } catch {
                    post(.sessionNotSaved(id: session.id, reason: "could not save: \(error)"))
                }
            }
        case .loadCatalog(let refresh):
            let catalog = self.catalog, client = self.client
            Task {
                let base = client.configuration.baseURL
                let cached = catalog.load(baseURL: base)
                if let cached { post(.catalogLoaded(cached)) }
                guard refresh || cached == nil || catalog.isStale(cached!) else { return }
                do {
                    post(.catalogLoaded(try await catalog.catalog(client: client, refresh: true)))
                } catch {
                    post(.catalogFailed("\(error)"))
                }
            }
        case .fetchKeyInfo:
            guard fetchKeyInfo else { return }
            let client = self.client
            Task {
                if let info = try? await client.fetchKeyInfo() { post(.keyInfoLoaded(info)) }
            }
        case .fetchBalance:
            guard fetchKeyInfo else { return }
            let client = self.client
            Task {
                do {
                    post(.balanceLoaded(try await client.fetchBalance()))
                } catch {
                    post(.balanceFailed("\(error)"))
                }
            }
        case .fetchGeneration(let sessionID, let messageID, let round, let spendKey, let generationID):
            let client = self.client
            Task {
                do {
                    let record = try await client.generation(id: generationID)
                    post(.generationLoaded(sessionID: sessionID, messageID: messageID, round: round, spendKey: spendKey, record: record))
                } catch {
                    post(.generationFailed(sessionID: sessionID, messageID: messageID, round: round, spendKey: spendKey, reason: "\(error)"))
                }
            }
        case .listSessions:
            let store = self.store
            saveQueue.async {
                do { post(.sessionsListed(try store.list())) } catch { post(.failed(.sessions("\(error)"))) }
            }
        case .searchSessions(let query):
            // Only the newest query matters; older searches still running just finish unseen.
            let folder = sessionsFolder
            DispatchQueue.global(qos: .userInitiated).async {
                guard let folder else { return }
                post(.sessionSearchFinished(query: query, ids: SessionSearch.search(query, in: folder)))
            }
        case .loadSession(let id):
            let store = self.store
            saveQueue.async {
                do { post(.sessionLoaded(try store.load(matching: id))) } catch { post(.failed(.sessions("\(error)"))) }
            }
        case .deleteSession(let id):
            let store = self.store
            saveQueue.async {
                do {
                    try store.delete(id: id)
                    post(.sessionDeleted(id))
                } catch { post(.failed(.sessions("\(error)"))) }
            }
        case .renameSession(let id, let title):
            let store = self.store
            saveQueue.async {
                do { try store.rename(id: id, title: title) } catch { post(.failed(.sessions("\(error)"))) }
            }
        case .exportSession(let id):
            let store = self.store
            saveQueue.async {
                do {
                    let session = try store.load(id: id)
                    let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("prism-\(id).md")
                    try PrivateFile.write(Data(SessionExporter.markdown(session).utf8), to: url)  // 0600, atomic
                    post(.sessionExported(path: url.path))
                } catch { post(.failed(.export(id: id, reason: "\(error)"))) }
            }
        case .savePickerPreferences(let favourites, let recents):
            // Off the UI thread (an fsync'd write), in order with every other save; quit waits for it.
            let preferences = self.preferences
            saveQueue.async { preferences.savePicker(favourites: favourites, recents: recents) }
        case .saveTheme(let name):
            let preferences = self.preferences
            saveQueue.async { preferences.saveTheme(name) }
        case .saveModelSets(let before, let after):
            guard let store = modelSets else { return }
            saveQueue.async {
                do {
                    for warning in try store.applyReporting(from: before, to: after) { post(.warned(warning)) }
                } catch {
                    post(.failed(.modelSets(reason: "\(error)")))
                }
            }
        case .saveFallbackDefault, .loadProviders, .saveRouting, .loadRouting:
            handleRouting(effect, post: post)
        case .checkAttachment(let typed):
            DispatchQueue.global(qos: .userInitiated).async {
                post(LiveEffects.attachment(typed))
            }
        case .appendHistory(let prompt):
            let preferences = self.preferences
            saveQueue.async { preferences.appendHistory(prompt) }
        case .computeSpentToday:
            guard let ledger else { return }
            ledgerQueue.async {
                let now = Date()
                var (totals, warnings) = ledger.spendTotals(now: now)
                totals.freeRequestStarts = (try? ledger.freeRequestStarts(since: now.addingTimeInterval(-60), now: now)) ?? []
                post(.spendTotalsComputed(totals))
                for warning in warnings { post(.warned(warning)) }
            }
        case .recordMatches, .retagRound, .loadMatches:
            handleMatches(effect, post: post)
        case .readHealth, .recordReply:
            handleHealth(effect, post: post)
        case .recordCompareOutcomes, .loadStats, .decideRoute:
            handleRecords(effect, post: post)
        case .reserveSpend(let replyID, let request, let worstCase):
            guard let ledger else { return }
            ledgerQueue.async { [self] in
                do {
                    reservations[replyID] = try ledger.reserve(request, worstCase: worstCase)
                } catch {
                    post(.warned("spend ledger: could not reserve \(Formatting.usd(worstCase)): \(error)"))
                }
                for notice in ledger.takeNotices() { post(.warned(notice)) }
            }
        case .recordSpend(let request, let cost, let source, let replyID):
            guard let ledger else { return }
            ledgerQueue.async { [self] in
                do {
                    if let replyID, let reservation = reservations.removeValue(forKey: replyID) {
                        try ledger.settle(reservation, cost: cost, source: source, provider: request.provider)
                    } else {
                        try ledger.record(request, cost: cost, source: source)
                    }
                } catch {
                    post(.warned("spend ledger: could not record \(Formatting.usd(cost)): \(error)"))
                }
                for notice in ledger.takeNotices() { post(.warned(notice)) }
            }
        case .fillReplyCost(let replyID, let cost, let source):
            // After the reply's record on the same queue, so its row is there to fill.
            guard let history else { return }
            ledgerQueue.async {
                do { _ = try history.setCost(replyID: replyID, cost, source: source) } catch { post(.warned("reply history: \(error)")) }
            }
        case .releaseSpend(let replyID):
            guard let ledger else { return }
            ledgerQueue.async { [self] in
                guard let reservation = reservations.removeValue(forKey: replyID) else { return }
                do {
                    try ledger.release(reservation)
                } catch {
                    post(.warned("spend ledger: \(error)"))
                }
            }
        case .quit:
            // Wait (briefly) for pending saves so quitting never loses the last reply.
            saveQueue.sync {}
            stopToolServers()
        case .listToolServers, .startToolServers, .restartToolServer, .runTool, .cancelTools:
            handleTools(effect, post: post)
        case .applyTheme, .listThemes, .copyToClipboard, .openEditor, .suspendToShell:
            break // handled on the UI thread by the runtime
        }
    }

    /// What `/attach TYPED` gives: an https URL as is, a readable file by its full path.
    static func attachment(_ typed: String) -> Action {
        if typed.hasPrefix("https://") { return .attachmentChecked(Attachment.guess(path: typed), typed: typed) }
        let path = (typed as NSString).expandingTildeInPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return .attachmentRefused(typed: typed, reason: "no such file")
        }
        guard !isFolder.boolValue else { return .attachmentRefused(typed: typed, reason: "it is a folder") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            return .attachmentRefused(typed: typed, reason: "not readable")
        }
        return .attachmentChecked(Attachment.local(path: URL(fileURLWithPath: path).path), typed: typed)
    }

    /// Writes what the streaming replies' journals hold, so what the frame about to be
    /// drawn shows is on disk first.
    public func beforeFrame() {
        let open = lock.withLock { Array(journals.values) }
        for journal in open { journal.flush() }
    }

    /// Why the last session save failed, if it did: the launcher prints it after the
    /// screen is gone, so a user who quit anyway knows what was not saved.
    public var unsavedReason: String? {
        saveQueue.sync {}
        return lock.withLock { lastSaveFailure }
    }

    private func save(_ session: Session, post: @escaping @Sendable (Action) -> Void) {
        guard !session.id.isEmpty else { return }
        lock.withLock { pendingSaves[session.id] = session }
        let store = self.store
        saveQueue.async { [weak self] in
            guard let self, let latest = self.lock.withLock({ self.pendingSaves.removeValue(forKey: session.id) }) else { return }
            do {
                let report = try store.save(latest)
                self.lock.withLock { self.lastSaveFailure = nil }
                if let merged = report.merged { post(.sessionMerged(saved: latest, merged: merged, summary: report.summary)) }
                post(.sessionSaved(id: latest.id))
            } catch SessionStoreError.deletedElsewhere(let id) {
                self.lock.withLock { self.lastSaveFailure = SessionStoreError.deletedElsewhere(id: id).description }
                post(.sessionDeletedElsewhere(id: id))
            } catch {
                self.logger.error("save failed: \(error)")
                self.lock.withLock { self.lastSaveFailure = "\(error)" }
                post(.sessionNotSaved(id: latest.id, reason: "could not save: \(error)"))
            }
        }
    }
}
