import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// The live effect runner's side of the tool loop, against `FakeToolHost`: a run posts its
/// output and time, a failure posts an error output, and cancelling a round stops a hanging call.
@Suite("Tool runner", .timeLimit(.minutes(1)))
struct ToolRunnerTests {
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var actions: [Action] = []
        func post(_ action: Action) { lock.withLock { actions.append(action) } }
        var finished: [(ToolRunID, ToolOutput)] {
            lock.withLock { actions.compactMap { if case .toolFinished(let id, let output, _) = $0 { (id, output) } else { nil } } }
        }
        var servers: [[ToolServerInfo]] {
            lock.withLock { actions.compactMap { if case .toolServersLoaded(let infos) = $0 { infos } else { nil } } }
        }
    }

    private func live(_ host: FakeToolHost) throws -> LiveEffects {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-tools-\(UUID().uuidString)")
        return LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, toolHost: host)
    }

    private func wait(_ condition: () -> Bool) async {
        for _ in 0..<300 where !condition() { try? await Task.sleep(nanoseconds: 10_000_000) }
    }

    @Test func runsPostOutputsAndFailures() async throws {
        let host = FakeToolHost()
        host.answer("time", "now", with: ToolOutput(text: "noon"))
        host.fail("files", "read", "no such file")
        let effects = try live(host)
        let inbox = Inbox()
        effects.handle(.startToolServers(["time"]), post: inbox.post)
        effects.handle(.runTool(ToolRun(id: ToolRunID(requestID: 1, step: 0), server: "time", tool: "now", arguments: "{}")), post: inbox.post)
        effects.handle(.runTool(ToolRun(id: ToolRunID(requestID: 1, step: 1), server: "files", tool: "read", arguments: #"{"path":"x"}"#)), post: inbox.post)
        await wait { inbox.finished.count == 2 && inbox.servers.count == 1 }
        let outputs = Dictionary(uniqueKeysWithValues: inbox.finished.map { ($0.0.step, $0.1) })
        #expect(outputs[0] == ToolOutput(text: "noon"))
        #expect(outputs[1] == ToolOutput(text: "The tool failed: no such file", isError: true))
        #expect(inbox.servers.first?.first?.status == .running)
        #expect(Set(host.calls.map(\.arguments)) == ["{}", #"{"path":"x"}"#])
    }

    @Test func cancellingTheRoundStopsAHangingCall() async throws {
        let host = FakeToolHost()
        host.hang("time", "now")
        let effects = try live(host)
        let inbox = Inbox()
        effects.handle(.runTool(ToolRun(id: ToolRunID(requestID: 7, step: 0), server: "time", tool: "now", arguments: "{}")), post: inbox.post)
        await wait { host.calls.count == 1 }
        effects.handle(.cancelTools(requestID: 7), post: inbox.post)
        await wait { host.cancelled == ["time/now"] }
        #expect(host.cancelled == ["time/now"], "the host's call saw the cancellation")
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(inbox.finished.isEmpty, "a cancelled call posts nothing")
    }

    @Test func quittingStopsEveryServer() async throws {
        let host = FakeToolHost()
        let effects = try live(host)
        // Quit comes from the UI thread, never from a task: it waits for the servers to stop.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread { effects.handle(.quit, post: { _ in }); done.resume() }.start()
        }
        #expect(host.stoppedAll)
    }
}
