import Foundation
import PrismCore
import PrismTerminal

/// Runs the app on one thread: input and effect results in, reducer, at most ~60 frames a second out.
///
/// Network and disk work happens in effect runners on other threads; their results
/// come back as actions through `post`, which wakes the backend's `readEvents`. The
/// loop sleeps when nothing is happening (no timer unless a spinner or notice needs one).
public final class AppRuntime: @unchecked Sendable {
    public private(set) var state: AppState
    let backend: any TerminalBackend
    let environment: ReducerEnvironment
    let effects: any EffectHandling
    let renderer: AppRenderer
    let themes: any ThemeProviding
    var theme: Theme
    /// Where `$VISUAL`, `$EDITOR` and `PATH` are read (the process environment unless a test says otherwise).
    public var editorEnvironment = ProcessInfo.processInfo.environment

    private let lock = NSLock()
    private var inbox: [Action] = []
    /// True while the UI thread sleeps until a frame deadline (guarded by `lock`).
    private var frameDeadlinePending = false
    private var dirty = true
    /// When the next stream-driven frame is due. Frames keep to a fixed grid (each due
    /// one interval after the previous one was due, not after it finished), so neither the
    /// frame's own work nor waits rounded up to whole milliseconds slow the frame rate.
    private var nextFrameDue = Date.distantPast
    private var lastTick = Date.distantPast
    /// Frames drawn so far (for benchmarks and tests).
    public private(set) var framesDrawn = 0
    /// When set, the monotonic time (ns, `CLOCK_MONOTONIC`) each frame finished drawing is
    /// appended here; benchmarks read it to count frames per second in a window.
    public var frameTimes: [UInt64]?

    static let frameInterval = 1.0 / 60
    /// A frame due within this much is drawn now rather than after another wait.
    static let frameSlack = 0.001
    static let tickInterval = 0.1

    public init(backend: any TerminalBackend, state: AppState, environment: ReducerEnvironment,
                effects: any EffectHandling, themes: any ThemeProviding) {
        self.backend = backend
        self.state = state
        self.environment = environment
        self.effects = effects
        self.themes = themes
        self.renderer = AppRenderer(bindings: environment.bindings, maxTokensCap: environment.maxTokensCap)
        self.theme = themes.theme(named: state.theme, for: backend.colorSupport) ?? themes.fallback(for: backend.colorSupport)
        self.state.size = backend.size
    }

    /// Hands an action to the UI thread from anywhere.
    ///
    /// Stream events do not wake the UI thread while it is already sleeping until its next
    /// frame slot (always the case while a reply streams): they would only be applied and
    /// then wait for that frame anyway. A streaming reply costs one wake-up per frame, none
    /// per token.
    public func post(_ action: Action) {
        let wake: Bool = lock.withLock {
            inbox.append(action)
            if case .completion = action, frameDeadlinePending { return false }
            return true
        }
        if wake { backend.wake() }
    }

    /// Runs until the user quits. Call from the thread that owns the backend.
    public func run(initialEffects: [Effect] = []) {
        // The first frame goes out before any loading starts, so the screen appears at once.
        draw()
        perform(initialEffects)
        while !state.quitRequested {
            step(wait: true)
        }
        draw()
    }

    /// One turn of the loop: wait for input (or not), apply everything queued, maybe draw.
    public func step(wait: Bool) {
        var timeout = wait ? nextTimeout() : 0
        // A wait that ends at a frame deadline will drain the inbox in time: while a reply
        // streams the loop wakes once per frame slot anyway, so tokens never wake it. The
        // flag stays set while this turn runs (a token posted meanwhile waits for the next
        // slot too); anything that was posted without a wake-up before a wait that may be
        // long is taken at once.
        let waiting: Bool = lock.withLock {
            frameDeadlinePending = (dirty || state.isStreaming) && timeout != nil && (timeout ?? 1) <= frameInterval
            return !inbox.isEmpty && !frameDeadlinePending
        }
        if waiting { timeout = 0 }
        let events = backend.readEvents(timeout: timeout)
        for event in events { dispatch(.input(event)) }
        // A key is answered at once; only stream-driven redraws wait for the frame interval.
        let typed = events.contains { if case .key = $0 { true } else if case .paste = $0 { true } else { false } }
        let queued: [Action] = lock.withLock {
            defer { inbox.removeAll(keepingCapacity: true) }
            return inbox
        }
        for action in queued { dispatch(action) }
        let now = Date()
        if needsTick, now.timeIntervalSince(lastTick) >= Self.tickInterval {
            lastTick = now
            dispatch(.tick(now))
        }
        if dirty, typed || now.timeIntervalSince(nextFrameDue) >= -Self.frameSlack {
            draw()
        }
    }

    func dispatch(_ action: Action) {
        if case .tick = action {} else { state.now = Date() }
        let out = Reducer.reduce(&state, action, environment)
        dirty = true
        perform(out)
    }

    func perform(_ list: [Effect]) {
        for effect in list {
            switch effect {
            case .applyTheme(let name):
                if let t = themes.theme(named: name, for: backend.colorSupport) {
                    theme = t
                    dispatch(.themeApplied(name))
                } else {
                    dispatch(.failed(.theme(name: name, reason: themes.lastError ?? "theme '\(name)' not found")))
                }
            case .listThemes:
                dispatch(.themesListed(themes.names()))
            case .copyToClipboard(let text):
                backend.copyToClipboard(text)
            case .openEditor(let text):
                let result = ExternalEditor.edit(text, environment: editorEnvironment) { backend.runProgram($0) }
                dispatch(.editorFinished(result))
            case .suspendToShell:
                backend.suspendToShell()
                dirty = true
            default:
                effects.handle(effect, post: { [weak self] in self?.post($0) })
            }
        }
    }

    private var needsTick: Bool {
        state.isStreaming || state.notice != nil || (state.catalog.isEmpty && state.catalogError == nil && state.focus == .picker)
    }

    /// How often stream-driven frames may be drawn: 20 a second while one reply streams
    /// (text arriving in 50 ms steps reads as smooth, and it keeps a long stream near 5 %
    /// of a core), 32 in compare mode (several panes moving: at least 30 a second even when
    /// a frame is late), 60 otherwise. Keys never wait for this: they draw at once.
    private var frameInterval: Double {
        if state.isComparing, state.isStreaming { return 1.0 / 32 }
        return state.isStreaming ? 1.0 / 20 : Self.frameInterval
    }

    private func nextTimeout() -> Double? {
        let untilDue = nextFrameDue.timeIntervalSinceNow
        if dirty { return max(0, untilDue) }
        if state.isStreaming {
            // The next frame slot: tokens that arrive until then are drawn together.
            return untilDue > 0 ? untilDue : frameInterval
        }
        if needsTick { return Self.tickInterval }
        return nil
    }

    func draw() {
        let start = Date()
        if start.timeIntervalSince(nextFrameDue) >= -Self.frameSlack {
            // A scheduled frame (or the first after a pause): the next one is due an interval
            // after this one was, or an interval from now when the loop has fallen behind.
            nextFrameDue += frameInterval
            if nextFrameDue < start { nextFrameDue = start.addingTimeInterval(frameInterval) }
        }
        let frame = renderer.render(&state, theme: theme)
        effects.beforeFrame()
        backend.draw(frame)
        dirty = false
        framesDrawn += 1
        if frameTimes != nil {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            frameTimes?.append(UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec))
        }
    }
}

/// Carries out effects that involve I/O; results come back through `post`.
public protocol EffectHandling: Sendable {
    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void)
    /// Called on the UI thread just before a frame goes to the terminal.
    func beforeFrame()
}

extension EffectHandling {
    public func beforeFrame() {}
}

/// Finds themes by name, adapted to what the terminal can show.
public protocol ThemeProviding: Sendable {
    func theme(named: String, for support: ColorSupport) -> Theme?
    func fallback(for support: ColorSupport) -> Theme
    func names() -> [String]
    var lastError: String? { get }
}
