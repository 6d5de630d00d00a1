import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Answers effects the way the live runner would, from memory: a scripted reply per stream.
private final class ScriptedEffects: EffectHandling, @unchecked Sendable {
    let lock = NSLock()
    var handled: [Effect] = []
    var saved: [Session] = []
    /// When set, the scripted reply waits for it: a test lets the typed prompt be drawn first
    /// (on a loaded machine the whole reply could otherwise land before the first frame).
    var gate: DispatchSemaphore?

    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        lock.withLock {
            handled.append(effect)
            if case .saveSession(let s) = effect { saved.append(s) }
        }
        if case .startStream(let id, _, _) = effect {
            let gate = lock.withLock { self.gate }
            DispatchQueue.global().async {
                gate?.wait()
                post(.completion(requestID: id, event: .metadata(model: "a/model", provider: "Prov", generationID: "gen-1")))
                for piece in ["Hello", " from", " **the**", " runtime"] {
                    post(.completion(requestID: id, event: .contentDelta(piece)))
                }
                var reply = Reply()
                reply.content = "Hello from **the** runtime"
                reply.finishReason = "stop"
                reply.usage = TokenUsage(promptTokens: 5, completionTokens: 4, cost: Decimal(string: "0.000123"))
                post(.completion(requestID: id, event: .finished(reply)))
            }
        }
    }
}

/// Streams `tokens` four-letter deltas `gap` seconds apart from another thread, then finishes.
private final class TrickleEffects: EffectHandling, @unchecked Sendable {
    let tokens: Int, gap: Double

    init(tokens: Int, gap: Double) {
        self.tokens = tokens
        self.gap = gap
    }

    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        guard case .startStream(let id, _, _) = effect else { return }
        let (tokens, gap) = (self.tokens, self.gap)
        Thread {
            for _ in 0..<tokens {
                post(.completion(requestID: id, event: .contentDelta("tok ")))
                Thread.sleep(forTimeInterval: gap)
            }
            var reply = Reply()
            reply.content = String(repeating: "tok ", count: tokens)
            reply.finishReason = "stop"
            post(.completion(requestID: id, event: .finished(reply)))
        }.start()
    }
}

private struct FixedThemes: ThemeProviding {
    func theme(named: String, for support: ColorSupport) -> Theme? { UIFixtures.theme(support) }
    func fallback(for support: ColorSupport) -> Theme { UIFixtures.theme(support) }
    func names() -> [String] { ["dark"] }
    var lastError: String? { nil }
}

@Suite("The UI loop with a headless terminal", .timeLimit(.minutes(1)))
struct AppRuntimeTests {
    @Test func typedPromptStreamsIntoTheScreenAndIsSaved() throws {
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        let effects = ScriptedEffects()
        let gate = DispatchSemaphore(value: 0)
        effects.gate = gate
        var state = AppState(size: Size(width: 80, height: 24), session: Session(id: "", createdAt: Date(), model: "a/model"),
                             demo: false, theme: "dark", now: Date())
        state.catalog = [ModelInfo(id: "a/model")]
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-0001" })
        let runtime = AppRuntime(backend: backend, state: state, environment: env, effects: effects, themes: FixedThemes())
        backend.enqueue("hi there".map { .key(.char($0)) } + [.key(Key(.enter))])
        runtime.step(wait: true)  // the keys, drawn at once
        #expect(backend.lastFrame?.text().contains("hi there") == true)
        gate.signal()

        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            runtime.step(wait: true)
            if runtime.state.lanes[0].stream == nil, runtime.state.session.messages.count == 2,
               backend.lastFrame?.text().contains("$0.000123") == true { break }
        }
        let screen = try #require(backend.lastFrame).text()
        #expect(screen.contains("hi there"))
        #expect(screen.contains("Hello from the runtime"), "markdown emphasis markers are not shown")
        #expect(screen.contains("$0.000123"))
        #expect(effects.saved.last?.currentBranch.last?.status == .complete)
        #expect(backend.drawCount >= 2)

        backend.enqueue(.key(.ctrl("q")))
        runtime.step(wait: true)
        #expect(runtime.state.quitRequested)
        #expect(effects.handled.contains(.quit))
    }

    @Test func streamedTokensNeverWakeTheLoopAndFramesArePaced() throws {
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        let effects = TrickleEffects(tokens: 150, gap: 0.002)
        var state = AppState(size: Size(width: 80, height: 24), session: Session(id: "", createdAt: Date(), model: "a/model"),
                             demo: false, theme: "dark", now: Date())
        state.catalog = [ModelInfo(id: "a/model")]
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-0002" })
        let runtime = AppRuntime(backend: backend, state: state, environment: env, effects: effects, themes: FixedThemes())
        backend.enqueue("go".map { .key(.char($0)) } + [.key(Key(.enter))])
        runtime.step(wait: true)
        #expect(runtime.state.isStreaming)
        let framesBefore = backend.drawCount, wakesBefore = backend.wakeCount
        let started = Date()
        while runtime.state.isStreaming, Date().timeIntervalSince(started) < 10 { runtime.step(wait: true) }
        let seconds = Date().timeIntervalSince(started)
        #expect(!runtime.state.isStreaming)
        #expect(runtime.state.session.currentBranch.last?.content.count == 150 * 4)
        #expect(backend.wakeCount - wakesBefore <= 2, "tokens woke the loop \(backend.wakeCount - wakesBefore) times")
        let frames = backend.drawCount - framesBefore
        #expect(frames >= 2 && Double(frames) <= seconds * 20 + 3, "\(frames) frames in \(seconds) s")
    }

    @Test func aStalledStreamIsRedrawnWithoutAnyEvent() throws {
        let backend = HeadlessBackend(size: Size(width: 100, height: 20))
        var session = Session(id: "", createdAt: Date(), model: "a/model")
        session.append(Message(id: "u", parentID: nil, role: .user, content: "hi", createdAt: Date()))
        var reply = Message(id: "r", parentID: "u", role: .assistant, content: "Hel", createdAt: Date())
        reply.status = .streaming
        session.append(reply)
        var state = AppState(size: backend.size, session: session, demo: false, theme: "dark", now: Date())
        var stream = StreamState(requestID: 1, messageID: "r", startedAt: Date().addingTimeInterval(-12))
        stream.firstTokenAt = Date().addingTimeInterval(-11)
        stream.lastTextAt = Date().addingTimeInterval(-10.5)
        stream.lastEventAt = Date().addingTimeInterval(-10.5)
        state.lanes[0].stream = stream
        let runtime = AppRuntime(backend: backend, state: state,
                                 environment: ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" }),
                                 effects: FrameWatchingEffects(), themes: FixedThemes())
        var seen: Set<String> = []
        let deadline = Date().addingTimeInterval(4)
        while Date() < deadline, !seen.contains("no data for 11s") {
            runtime.step(wait: true)
            let status = backend.lastFrame?.text().split(separator: "\n").last.map(String.init) ?? ""
            if let range = status.range(of: #"no data for \d+s"#, options: .regularExpression) { seen.insert(String(status[range])) }
        }
        #expect(seen.contains("no data for 10s") && seen.contains("no data for 11s"),
                "the loop keeps ticking and drawing while nothing arrives: \(seen.sorted())")
    }

    @Test func resizeReflowsEverything() throws {
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        let runtime = AppRuntime(backend: backend, state: UIFixtures.state(Size(width: 80, height: 24)),
                                 environment: ReducerEnvironment(makeID: { "x" }, makeSessionID: { _ in "s" }),
                                 effects: ScriptedEffects(), themes: FixedThemes())
        runtime.step(wait: false)
        backend.resize(to: Size(width: 40, height: 12))
        runtime.step(wait: false)
        Thread.sleep(forTimeInterval: 0.02)
        runtime.step(wait: false)
        let frame = try #require(backend.lastFrame)
        #expect(frame.size == Size(width: 40, height: 12))
        #expect(frame.text().contains("╰"))
    }
}

/// Counts frames against `beforeFrame` calls: a reply's journal is flushed before every frame.
private final class FrameWatchingEffects: EffectHandling, @unchecked Sendable {
    let lock = NSLock()
    var calls = 0
    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {}
    func beforeFrame() { lock.withLock { calls += 1 } }
}

@Suite("Runtime: journals before frames", .timeLimit(.minutes(1)))
struct BeforeFrameTests {
    @Test func everyFrameIsPrecededByBeforeFrame() {
        let backend = HeadlessBackend(size: Size(width: 60, height: 15))
        let effects = FrameWatchingEffects()
        let state = AppState(size: backend.size, session: Session(id: "", createdAt: Date(), model: "a/model"),
                             demo: false, theme: "dark", now: Date())
        let runtime = AppRuntime(backend: backend, state: state,
                                 environment: ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" }),
                                 effects: effects, themes: FixedThemes())
        runtime.draw()
        for c in "abc" { backend.enqueue(.key(.char(c))); runtime.step(wait: false) }
        #expect(runtime.framesDrawn >= 2)
        #expect(effects.lock.withLock { effects.calls } == runtime.framesDrawn)
    }
}
