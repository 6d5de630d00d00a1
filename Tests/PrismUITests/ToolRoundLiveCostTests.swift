import Foundation
import PrismCore
import PrismStub
import Testing
@testable import PrismUI

/// A whole tool turn of the chat screen run for real: the reducer's effects handled by
/// `LiveEffects` against the stub on 127.0.0.1 (`stub/agent`, whose `nocost` streams carry no
/// cost) and a fake tool host, with a spend ledger in a temporary folder.
@Suite("Tool round costs against the stub", .timeLimit(.minutes(1)))
struct ToolRoundLiveCostTests {
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var actions: [Action] = []
        func post(_ action: Action) { lock.withLock { actions.append(action) } }
        func take() -> [Action] { lock.withLock { defer { actions = [] }; return actions } }
    }

    static let key = "sk-or-v1-ROUNDSKEY0123456789abcdef"

    @Test func everyRoundWithoutAStreamedCostIsLookedUpAndSettledUnderItsOwnKey() async throws {
        let server = StubServer(requiredKey: Self.key)
        try server.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-rounds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = SpendLedger(file: folder.appendingPathComponent("prism.db"))
        let host = FakeToolHost()
        host.answer("time", "now", with: ToolOutput(text: "noon"))
        let live = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: server.baseURL, apiKey: Self.key)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, ledger: ledger, toolHost: host)
        let h = ToolHarness()
        h.state.session.model = StubModels.agent
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let inbox = Inbox()

        var effects = h.command("use now nocost")
        for _ in 0..<1000 {
            for effect in effects { live.handle(effect, post: inbox.post) }
            effects = inbox.take().flatMap { h.send($0) }
            if effects.isEmpty, h.reply?.status == .complete, h.reply?.turnUsage?.cost != nil,
               try ledger.entries().allSatisfy({ $0.state == .settled }) { break }
            try await Task.sleep(nanoseconds: 10_000_000)
        }

        let reply = try #require(h.reply)
        #expect(reply.status == .complete)
        #expect(reply.content.hasPrefix("Tool results:"))
        #expect(host.calls.map(\.tool) == ["now"])
        let round = try #require(reply.toolRounds?.first?.usage)
        #expect(round.cost == Decimal(string: "0.00002") && round.source == .generation, "the round's own record")
        #expect(reply.usage?.cost == Decimal(string: "0.00003") && reply.usage?.source == .generation)
        #expect(reply.turnUsage?.cost == Decimal(string: "0.00005"), "the turn is exact once both records landed")
        #expect(server.generationRequests.count == 2, "one lookup per request")
        let entries = try ledger.entries()
        #expect(entries.count == 2, "one ledger entry per request: \(entries)")
        #expect(entries.allSatisfy { $0.state == .settled && $0.costSource == .generation })
        #expect(entries.compactMap(\.cost).sorted() == [Decimal(string: "0.00002")!, Decimal(string: "0.00003")!])
        #expect(try ledger.totals().today == Decimal(string: "0.00005"))
    }
}
