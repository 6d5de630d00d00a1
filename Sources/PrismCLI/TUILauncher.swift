import Foundation
import Logging
import PrismCore
import PrismCurses
import PrismTerminal
import PrismUI

/// Starts the full-screen app: builds the first state, the live effects and the curses backend.
///
/// Everything slow (catalog, key, sessions, today's spend) is started as an effect
/// after the first frame, so the screen appears at once.
struct TUILauncher {
    let context: CLIContext
    let theme: String?
    let resume: String?
    let continueLast: Bool

    func run() async throws {
        guard StandardIO.stdinIsTerminal, StandardIO.stdoutIsTerminal else {
            throw CLIFailure.usage("the chat screen needs a terminal; in scripts and pipes use: prism ask \"...\"")
        }
        try context.requireKey()
        let store = FileSessionStore(paths: context.paths)
        let preferences = PreferencesStore(folder: context.paths.state)
        let now = Date()

        var session = Session(id: "", createdAt: now, systemPrompt: context.config.systemPrompt,
                              model: context.config.model.chosen, settings: context.config.requestSettings)
        if let id = try resumeID(store: store) {
            do {
                session = try store.load(matching: id)
            } catch {
                throw CLIFailure.usage("\(error)")
            }
            session.model = context.config.model.resuming(session.model)
        }

        let themes = ThemeProvider(catalog: ThemeCatalog(paths: context.paths))
        var state = AppState(size: Size(width: 80, height: 24), session: session, demo: context.demo,
                             theme: theme ?? context.config.theme, now: now)
        state.serverLabel = context.demo ? nil : context.config.serverLabel
        state.budget = context.config.budget
        state.blindByDefault = context.config.compareBlind
        state.route.settings = context.config.route
        state.tools = await Self.startingTools(context.toolHost, settings: context.config.toolLoop)
        let picker = preferences.loadPicker()
        state.picker.favourites = Set(picker.favourites)
        state.picker.recents = picker.recents
        state.history = PromptHistory(entries: preferences.loadHistory())
        let setStore = ModelSetStore(paths: context.paths, demo: context.demo)
        let (savedSets, setWarnings) = setStore.loadReporting()
        state.modelSets = ModelSets(config: context.config, saved: savedSets)
        let savedRouting = context.demo ? nil : SavedRouting(paths: context.paths)
        let routing = savedRouting?.loadAll()
        state.routing.saved = routing?.models ?? [:]
        let fallbackStore = context.demo ? nil : SavedFallbacks(paths: context.paths)
        let (savedChains, chainWarning) = fallbackStore?.loadAll() ?? ([:], nil)
        state.savedFallbacks = savedChains
        if state.session.model == nil, !state.isComparing { state.focus = .picker }

        var bindings = KeyBindings.defaults
        let bindingWarnings = bindings.apply(context.config.keyBindings, parse: { try? KeySpec.parse($0) })
        for warning in bindingWarnings { StandardIO.error("prism: warning: \(warning)") }
        // Config warnings went to stderr, under the screen, and damaged state files were moved
        // aside: say so on the first frame, where the user is looking.
        state.notice = Notice.startup(configWarnings: context.config.warnings + bindingWarnings,
                                      stateWarnings: preferences.loadWarnings + setWarnings + [routing?.warning, chainWarning].compactMap { $0 }, now: now)
        var environment = ReducerEnvironment(
            makeID: { UUID().uuidString.lowercased() }, makeSessionID: { SessionID.make(now: $0) },
            maxTokensCap: context.config.maxTokens, bindings: bindings)
        environment.features = context.config.features
        // The ledger and the health record share one connection to prism.db (none in demo mode).
        let ledger = context.demo ? nil : SpendLedger(paths: context.paths)
        let health = ledger.map { RouteHealth(database: $0.database, settings: context.config.health) }
        let matches = ledger.map { MatchStore(database: $0.database) }
        let effects = LiveEffects(client: context.client, store: store, catalog: context.catalogCache,
                                  preferences: preferences, fetchKeyInfo: !context.demo && context.config.isOpenRouter,
                                  sessionsFolder: context.paths.sessions,
                                  ledger: ledger, modelSets: setStore,
                                  savedRouting: savedRouting, fallbacks: fallbackStore, endpoints: context.endpointCache, health: health,
                                  matches: matches, keepPrompts: context.config.keepPrompts, toolHost: context.toolHost)

        // Every curses call happens on one dedicated thread; the async world (network,
        // disk) runs on the cooperative pool and talks to it only through `post`.
        let start = UIStart(state: state, environment: environment, effects: effects, themes: themes,
                            terminalEnvironment: context.environment)
        let outcome: UIStart.Outcome = await withCheckedContinuation { continuation in
            let thread = Thread {
                CursesBackend.nameCurrentThread("prism-ui")
                continuation.resume(returning: start.run())
            }
            thread.name = "prism-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        effects.handle(.quit) { _ in }
        if let reason = effects.unsavedReason {
            StandardIO.error("prism: warning: the session was not saved: \(TerminalSanitizer.sanitize(reason)); "
                             + "streamed replies are kept in \(context.paths.sessions.path)/journal/")
        }
        // Everything is saved: now end the way the signal asked, so the caller sees it.
        if let signal = outcome.signal { CursesBackend.die(bySignal: signal) }
        if let failure = outcome.failure { throw CLIFailure.usage(failure) }
    }

    /// The chat screen's tool servers before its first key: every configured one, listed (none
    /// started). Left to the first frame's `.listToolServers`, a prompt sent at once went out
    /// without tools while the answer was still on its way.
    static func startingTools(_ host: any ToolHost, settings: ToolLoopSettings) async -> ToolsState {
        ToolsState(servers: await host.servers(), settings: settings)
    }

    private func resumeID(store: FileSessionStore) throws -> String? {
        if let resume { return resume }
        guard continueLast else { return nil }
        guard let latest = try? store.list().sessions.first else {
            throw CLIFailure.usage("no saved session to continue yet")
        }
        return latest.id
    }
}

/// What the UI thread needs to start; runs the app and returns an error message or nil.
struct UIStart: @unchecked Sendable {
    let state: AppState
    let environment: ReducerEnvironment
    let effects: LiveEffects
    let themes: ThemeProvider
    let terminalEnvironment: [String: String]

    /// How the app ended: a start-up failure, or the signal that asked it to end.
    struct Outcome: Sendable {
        var failure: String?
        var signal: Int32?
    }

    func run() -> Outcome {
        let backend: CursesBackend
        do {
            backend = try CursesBackend(environment: terminalEnvironment)
            try backend.start()
        } catch {
            return Outcome(failure: "cannot start the terminal: \(error)")
        }
        defer { backend.shutdown() }
        let runtime = AppRuntime(backend: backend, state: state, environment: environment, effects: effects, themes: themes)
        // Benchmarks only: PRISM_FRAME_LOG=PATH writes each frame's CLOCK_MONOTONIC time (ns), one per line, on exit.
        let frameLog = terminalEnvironment["PRISM_FRAME_LOG"].flatMap { $0.isEmpty ? nil : $0 }
        if frameLog != nil { runtime.frameTimes = [] }
        runtime.run(initialEffects: [.loadCatalog(refresh: false), .fetchKeyInfo, .fetchBalance, .computeSpentToday, .readHealth, .listThemes, .listToolServers])
        if let frameLog, let times = runtime.frameTimes {
            try? Data(times.map { "\($0)\n" }.joined().utf8).write(to: URL(fileURLWithPath: frameLog))
        }
        return Outcome(signal: runtime.state.terminationSignal)
    }
}

/// Themes from the theme catalog, adapted to the terminal.
final class ThemeProvider: ThemeProviding, @unchecked Sendable {
    let catalog: ThemeCatalog
    private let lock = NSLock()
    private var error: String?

    init(catalog: ThemeCatalog) {
        self.catalog = catalog
    }

    func theme(named name: String, for support: ColorSupport) -> Theme? {
        do {
            let theme = try catalog.load(name: name).adapted(to: support)
            lock.withLock { error = nil }
            return theme
        } catch {
            lock.withLock { self.error = "\(error)" }
            return nil
        }
    }

    func fallback(for support: ColorSupport) -> Theme {
        (try? catalog.load(name: ThemeCatalog.defaultThemeName).adapted(to: support)) ?? Theme(name: "plain", styles: [:])
    }

    func names() -> [String] { catalog.availableThemes() }

    var lastError: String? { lock.withLock { error } }
}
