import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// `.decideRoute` reads the verdicts through the evidence cache on the ledger queue, and a
/// verdict recorded in between is counted at once (the cache is dropped), not 30 s later.
@Suite("Live effects: route decisions", .timeLimit(.minutes(1)))
struct LiveEffectsRouteTests {
    final class Decisions: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [RouteDecision] = []
        let done = DispatchSemaphore(value: 0)
        func add(_ action: Action) {
            guard case .routeDecided(_, let decision) = action else { return }
            lock.withLock { all.append(decision) }
            done.signal()
        }
        var last: RouteDecision? { lock.withLock { all.last } }
    }

    @Test func aVerdictRecordedBetweenTwoPromptsCountsForTheSecond() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-route-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = SpendLedger(file: folder.appendingPathComponent("prism.db"))
        let effects = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, ledger: ledger,
            health: RouteHealth(database: ledger.database), matches: MatchStore(database: ledger.database))
        let ask = RouteAsk(request: RouteRequest(tag: .code, tagReason: "test", promptTokens: 10), weights: .standard,
                           candidates: [RouteCandidate(model: "a/one"), RouteCandidate(model: "b/two")])
        let posted = Decisions()
        effects.handle(.decideRoute(id: 1, ask: ask), post: posted.add)
        #expect(posted.done.wait(timeout: .now() + 10) == .success)
        #expect(posted.last?.ranked.allSatisfy { $0.candidate.rating == nil } == true, "no verdicts yet")

        let round = MatchRecord.Round(at: Date(), sessionID: "s", roundID: "u1", tag: .code)
        effects.handle(.recordMatches(MatchRecord.pick(round, winner: "b/two", others: ["a/one"])), post: { _ in })
        effects.handle(.decideRoute(id: 2, ask: ask), post: posted.add)
        #expect(posted.done.wait(timeout: .now() + 10) == .success)
        let decision = try #require(posted.last)
        #expect(decision.choice?.model == "b/two")
        #expect(decision.choice?.candidate.rating?.matches == 1)
        #expect(decision.line.hasPrefix("code → b/two: rated 1st of 2 on code (1 match)"))
    }
}
