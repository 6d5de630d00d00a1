import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Streams answered from memory, each by its model, interleaved on other threads; one model fails mid-stream.
private final class PanesEffects: EffectHandling, @unchecked Sendable {
    let lock = NSLock()
    var saved: [Session] = []

    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        if case .saveSession(let s) = effect { lock.withLock { saved.append(s) } }
        guard case .startStream(let id, let request, _) = effect else { return }
        let model = request.model
        DispatchQueue.global().async {
            post(.completion(requestID: id, event: .metadata(model: model, provider: "Prov-\(id)", generationID: "g\(id)")))
            var text = ""
            for piece in ["Answer", " from", " \(model)"] {
                text += piece
                post(.completion(requestID: id, event: .contentDelta(piece)))
                Thread.sleep(forTimeInterval: 0.005)
            }
            var reply = Reply()
            reply.content = text
            if model == "b/fails" {
                reply.failure = ReplyFailure(kind: .stream, code: "502", message: "upstream went away")
            } else {
                reply.finishReason = "stop"
                reply.usage = TokenUsage(promptTokens: 5, completionTokens: 3, cost: Decimal(string: "0.00\(id)"))
                reply.timings = ReplyTimings(ttftMs: Double(100 * id), totalMs: Double(300 * id), tokensPerSecond: 50)
            }
            post(.completion(requestID: id, event: .finished(reply)))
        }
    }
}

private struct Themes: ThemeProviding {
    func theme(named: String, for support: ColorSupport) -> Theme? { UIFixtures.theme(support) }
    func fallback(for support: ColorSupport) -> Theme { UIFixtures.theme(support) }
    func names() -> [String] { ["dark"] }
    var lastError: String? { nil }
}

@Suite("Compare mode in the UI loop", .timeLimit(.minutes(1)))
struct CompareRuntimeTests {
    @Test func onePromptStreamsIntoEveryPaneAndAFailureStaysInItsPane() throws {
        let backend = HeadlessBackend(size: Size(width: 120, height: 30))
        let effects = PanesEffects()
        var session = Session(id: "", createdAt: Date())
        session.startCompare(models: ["a/first", "b/fails", "c/third"])
        let state = AppState(size: backend.size, session: session, demo: true, theme: "dark", now: Date())
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-0002" })
        let runtime = AppRuntime(backend: backend, state: state, environment: env, effects: effects, themes: Themes())
        backend.enqueue("which?".map { .key(.char($0)) } + [.key(Key(.enter))])

        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            runtime.step(wait: true)
            if !runtime.state.isStreaming, backend.lastFrame?.text().contains("cheapest") == true { break }
        }
        let screen = try #require(backend.lastFrame).text()
        #expect(screen.contains("Answer from a/first"))
        #expect(screen.contains("Answer from c/third"))
        #expect(screen.contains("upstream went away"))
        #expect(screen.contains("1 failed"))
        #expect(screen.contains("Ask all 3 models"))
        #expect(screen.contains("cheapest first $0.001"))
        let last = try #require(effects.lock.withLock { effects.saved.last })
        #expect(last.compare?.models == ["a/first", "b/fails", "c/third"])
        #expect(last.messages.filter { $0.role == .assistant }.map(\.status) == [.complete, .failed, .complete])
    }
}
