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
        var count: Int { lock.withLock { all.count } }

        /// Waits (without blocking a thread of the pool the decision runs on) for a decision.
        func arrived(_ n: Int) async -> Bool {
            for _ in 0..<1000 where count < n { try? await Task.sleep(nanoseconds: 10_000_000) }
            return count >= n
        }
    }

    /// Live effects over a ledger in `folder`, with no server to reach (port 9).
    static func effects(in folder: URL, endpoints: EndpointCache? = nil) -> LiveEffects {
        let ledger = SpendLedger(file: folder.appendingPathComponent("prism.db"))
        return LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, ledger: ledger, endpoints: endpoints,
            health: RouteHealth(database: ledger.database), matches: MatchStore(database: ledger.database))
    }

    @Test func aVerdictRecordedBetweenTwoPromptsCountsForTheSecond() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-route-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let effects = Self.effects(in: folder)
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

    /// A model the history has not timed is scored with its providers' speed, read through
    /// the endpoint cache (here a fresh copy on disk, so nothing is fetched).
    @Test func anUntimedModelGetsItsProvidersSpeedFromTheEndpointCache() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-route-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = EndpointCache(folder: folder.appendingPathComponent("endpoints"))
        var endpoint = ProviderEndpoint(providerName: "Fast")
        endpoint.latency = Percentiles(p50: 250)
        endpoint.throughput = Percentiles(p50: 140)
        try cache.save(ModelEndpoints(modelID: "a/one", fetchedAt: Date(), endpoints: [endpoint]))
        let effects = Self.effects(in: folder, endpoints: cache)
        let ask = RouteAsk(request: RouteRequest(tag: .code, tagReason: "test", promptTokens: 10), weights: .standard,
                           candidates: [RouteCandidate(model: "a/one"), RouteCandidate(model: "b/two")])
        let posted = Decisions()
        effects.handle(.decideRoute(id: 1, ask: ask), post: posted.add)
        #expect(await posted.arrived(1))
        let one = try #require(posted.last?.ranked.first { $0.candidate.model == "a/one" }?.candidate)
        #expect(one.speedSource == .providers && one.ttft == 0.25 && one.tokensPerSecond == 140)
        #expect(posted.last?.ranked.first { $0.candidate.model == "b/two" }?.candidate.speedSource == nil,
                "no copy and no server: no speed, after the patience at most")
    }
}
