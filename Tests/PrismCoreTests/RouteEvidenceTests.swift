import Foundation
import Testing
@testable import PrismCore

/// The one evidence path the chat screen and `prism route` share: verdicts and measured speed
/// read from prism.db, completed into candidates and scored; the short-lived cache; the
/// candidate list; and what a routed session and reply save.
@Suite("Route: evidence, cache, candidates, saved fields")
struct RouteEvidenceTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let catalog = [
        ModelInfo(id: "a/coder", name: "A Coder", contextLength: 100_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002"))),
        ModelInfo(id: "b/chat", name: "B Chat", contextLength: 100_000,
                  pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002"))),
        ModelInfo(id: "c/tiny", name: "C Tiny", contextLength: 10, pricing: ModelPricing(prompt: 0, completion: 0)),
    ]

    static func reply(_ model: String, ttft: Double) -> Reply {
        var reply = Reply()
        reply.model = model
        reply.finishReason = "stop"
        reply.usage = TokenUsage(promptTokens: 10, completionTokens: 100, cost: Decimal(string: "0.001"), costSource: .usage)
        reply.timings = ReplyTimings(ttftMs: ttft, totalMs: ttft + 1000, tokensPerSecond: 100)
        return reply
    }

    /// 12 code rounds a/coder won over b/chat; a/coder answers in 0.6 s, b/chat in 2 s.
    static func seed(_ sandbox: LedgerSandbox) throws -> (MatchStore, ReplyHistory) {
        let handle = DatabaseHandle(file: sandbox.database)
        let matches = MatchStore(database: handle)
        let history = ReplyHistory(health: RouteHealth(database: handle))
        for i in 0..<12 {
            let round = MatchRecord.Round(at: now.addingTimeInterval(Double(-3600 - i)), sessionID: "s", roundID: "u\(i)", tag: .code)
            try matches.record(MatchRecord.pick(round, winner: "a/coder", others: ["b/chat"]))
        }
        for (model, ttft) in [("a/coder", 600.0), ("b/chat", 2000.0)] {
            for i in 0..<3 {
                try history.record(ReplyRecord(reply: reply(model, ttft: ttft), model: model, prompt: "x", source: .chat,
                                               at: now.addingTimeInterval(Double(-86_400 - i))))
            }
        }
        return (matches, history)
    }

    static func ask(_ text: String, tag: PromptTag?, ids: [String] = ["a/coder", "b/chat", "c/tiny"]) -> RouteAsk {
        var session = Session(id: "s", createdAt: now, model: ids[0])
        session.append(Message(id: "p", parentID: nil, role: .user, content: text, createdAt: now))
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: session.currentLeafID), draft: PendingText(),
                                  explicitMaxTokens: nil, maxTokensCap: 1000)
        return RouteAsk.prepare(text: text, tag: tag, ids: ids, basis: basis, perRequestCap: nil, weights: .standard,
                                entry: { id in catalog.first { $0.id == id } })
    }

    @Test func aFixedHistoryDecidesAndExplains() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let (matches, history) = try Self.seed(sandbox)
        let evidence = try RouteEvidence.read(matches: matches, history: history, now: Self.now)
        #expect(evidence.records.count == 12)
        #expect(evidence.speeds["a/coder"]?.ttftP50 == 0.6)
        let decision = evidence.decide(Self.ask("please fix this function so the loop ends: for i in 0..<n { }", tag: .code))
        #expect(decision.choice?.model == "a/coder")
        #expect(decision.line.hasPrefix("code → a/coder: rated 1st of 2 on code (12 matches), ≈$"))
        #expect(decision.line.hasSuffix("TTFT p50 0.6 s"), "12 matches: no low-confidence mark")
        #expect(decision.confidence == .high)
        #expect(decision.excluded.map(\.model) == ["c/tiny"], "a 10-token context cannot take the prompt")
        let text = decision.explanation.joined(separator: "\n")
        #expect(text.contains("1. a/coder  score"))
        #expect(text.contains("2. b/chat  score"))
        #expect(text.contains("TTFT 2.0 s"))
        #expect(text.contains("left out: c/tiny: the prompt"))
        #expect(text.contains("confidence: high"))
    }

    @Test func noHistoryMeansUnratedAndLowConfidence() {
        let decision = RouteEvidence().decide(Self.ask("hello there", tag: nil, ids: ["a/coder", "b/chat"]))
        #expect(decision.request.tag == .chat)
        #expect(decision.confidence == .low)
        #expect(decision.line.contains("no matches yet"))
        #expect(decision.line.hasSuffix("· low confidence"))
        #expect(decision.ranked.allSatisfy { $0.candidate.rating == nil && $0.candidate.speedSource == nil })
    }

    @Test func imagesLeaveOutModelsThatTakeNone() {
        var ask = Self.ask("what is in this picture", tag: nil, ids: ["a/coder", "b/chat"])
        ask.request.hasImages = true
        let decision = RouteEvidence().decide(ask)
        #expect(decision.choice == nil)
        #expect(decision.line == "chat → no candidate fits: a/coder takes no images; b/chat takes no images")
    }

    @Test func theCacheIsReusedForThirtySecondsOrUntilInvalidated() throws {
        let loads = Counter()
        let cache = RouteEvidenceCache { _ in
            loads.increment()
            return RouteEvidence(records: [], speeds: [:])
        }
        _ = try cache.evidence(now: Self.now)
        _ = try cache.evidence(now: Self.now.addingTimeInterval(29))
        #expect(loads.value == 1)
        _ = try cache.evidence(now: Self.now.addingTimeInterval(31))
        #expect(loads.value == 2)
        cache.invalidate()
        _ = try cache.evidence(now: Self.now.addingTimeInterval(32))
        #expect(loads.value == 3)
    }

    @Test func candidatesComeFromNamesConfigFavouritesOrTheDemo() {
        #expect(RouteCandidateList.resolve(named: ["x", "y", "x"], configured: ["c"], favourites: ["f"], demo: false) == ["x", "y"])
        #expect(RouteCandidateList.resolve(named: [], configured: ["c", "d"], favourites: ["f"], demo: false) == ["c", "d"])
        #expect(RouteCandidateList.resolve(named: [], configured: [], favourites: ["f"], demo: false) == ["f"])
        #expect(RouteCandidateList.resolve(named: [], configured: [], favourites: [], demo: false).isEmpty)
        #expect(RouteCandidateList.resolve(named: [], configured: [], favourites: ["f"], demo: true) == DemoModel.all.map(\.id))
    }

    @Test func aRoutedSessionAndItsDecisionRoundTrip() throws {
        var session = Session(id: "s", createdAt: Self.now, model: "a/coder")
        session.routed = true
        var reply = Message(id: "r", parentID: nil, role: .assistant, content: "hi", createdAt: Self.now)
        reply.routeDecision = RouteNote(line: "code → a/coder: no matches yet", explanation: ["tag: code (set with /tag)", "confidence: low"])
        session.append(reply)
        let data = try JSONEncoder().encode(session)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"routed\":true") && json.contains("\"route_decision\""))
        let back = try JSONDecoder().decode(Session.self, from: data)
        #expect(back == session)

        // Older files (neither field) and unreadable values load as not routed, no decision.
        var plain = session
        plain.routed = false
        plain.messages[0].routeDecision = nil
        let old = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!old.contains("routed") && !old.contains("route_decision"))
        let broken = old.replacingOccurrences(of: "\"content\":\"hi\"", with: "\"content\":\"hi\",\"route_decision\":7")
            .replacingOccurrences(of: "\"id\":\"s\"", with: "\"id\":\"s\",\"routed\":\"yes\"")
        let lenient = try JSONDecoder().decode(Session.self, from: Data(broken.utf8))
        #expect(!lenient.routed && lenient.messages[0].routeDecision == nil && lenient.messages[0].content == "hi")
    }
}

/// A count shared with a `@Sendable` closure.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}

/// Provider speeds for candidates the history has not timed: the healthy providers'
/// medians, a timed candidate kept as measured, and a lookup that never answers left out
/// after the patience runs out.
@Suite("Route provider speeds")
struct RouteProviderSpeedTests {
    static func endpoints(_ model: String, _ rows: [(ttft: Double?, tps: Double?, degraded: Bool)]) -> ModelEndpoints {
        ModelEndpoints(modelID: model, fetchedAt: Date(), endpoints: rows.enumerated().map { n, row in
            var e = ProviderEndpoint(providerName: "P\(n)")
            e.latency = row.ttft.map { Percentiles(p50: $0) }
            e.throughput = row.tps.map { Percentiles(p50: $0) }
            e.status = row.degraded ? -2 : 0
            return e
        })
    }

    @Test func theHealthyProvidersMediansBecomeTheSpeed() {
        let e = Self.endpoints("a/one", [(400, 50, false), (800, 90, false), (200, 300, true), (600, 70, false)])
        let c = RouteCandidate(model: "a/one").withProviderSpeed(e)
        #expect(c.speedSource == .providers)
        #expect(c.ttft == 0.6, "median of 400, 600, 800 ms; the degraded provider is left out")
        #expect(c.tokensPerSecond == 70)
        let timed = RouteCandidate(model: "a/one", ttft: 0.1, tokensPerSecond: 10, speedSource: .history).withProviderSpeed(e)
        #expect(timed.ttft == 0.1 && timed.speedSource == .history)
        #expect(RouteCandidate(model: "a/one").withProviderSpeed(Self.endpoints("a/one", [(nil, nil, false)])).speedSource == nil)
    }

    @Test func aDecisionWaitsForLookupsOnlyAsLongAsItsPatience() async {
        let ask = RouteAsk(request: RouteRequest(tag: .code, tagReason: "test", promptTokens: 10), weights: .standard,
                           candidates: [RouteCandidate(model: "a/one"), RouteCandidate(model: "b/two:nitro")])
        // The slow lookup answers long after the patience: its figures must not be waited for.
        let decision = await RouteEvidence().decide(ask, patience: 2) { model in
            if model == "b/two" {
                try? await Task.sleep(nanoseconds: 120_000_000_000)
                return Self.endpoints(model, [(100, 500, false)])
            }
            return Self.endpoints(model, [(300, 80, false)])
        }
        let one = decision.ranked.first { $0.candidate.model == "a/one" }?.candidate
        let two = decision.ranked.first { $0.candidate.model == "b/two:nitro" }?.candidate
        #expect(one?.speedSource == .providers && one?.ttft == 0.3)
        #expect(two?.speedSource == nil)
    }
}
