import Foundation
import Testing
@testable import PrismCore

@Suite("Route health and the circuit breaker")
struct RouteHealthTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let settings = HealthSettings(failures: 3, window: 600, cooldown: 300)

    static func failure(_ seconds: Double, model: String = "a/m", status: Int? = 503, kind: ReplyFailure.Kind = .http,
                        code: String? = nil, provider: String? = "P") -> RouteOutcome {
        RouteOutcome(model: model, provider: provider, kind: .failed(kind), status: status, code: code, at: t0.addingTimeInterval(seconds))
    }

    static func success(_ seconds: Double, model: String = "a/m", ttft: Int = 100, total: Int = 900) -> RouteOutcome {
        RouteOutcome(model: model, provider: "P", kind: .ok, ttftMs: ttft, totalMs: total, at: t0.addingTimeInterval(seconds))
    }

    static func circuit(_ outcomes: [RouteOutcome]) -> Circuit {
        Circuit.replay(outcomes.map { ($0.effect, $0.at) }, settings: settings)
    }

    @Test func opensAfterNFailuresWithinTheWindow() {
        let two = Self.circuit([Self.failure(0), Self.failure(60)])
        #expect(two.state(at: Self.t0.addingTimeInterval(61)) == .closed)
        let three = Self.circuit([Self.failure(0), Self.failure(60), Self.failure(120)])
        #expect(three.state(at: Self.t0.addingTimeInterval(121)) == .open(until: Self.t0.addingTimeInterval(420)))
        #expect(three.openedBy == 3)
    }

    @Test func failuresSpreadOverMoreThanTheWindowDoNotOpenIt() {
        let spread = Self.circuit([Self.failure(0), Self.failure(400), Self.failure(700)])
        #expect(spread.state(at: Self.t0.addingTimeInterval(701)) == .closed, "the first fell out of the 10-minute window")
    }

    @Test func afterTheCooldownOneTryIsAllowedAndAFailureReopens() {
        var circuit = Self.circuit([Self.failure(0), Self.failure(10), Self.failure(20)])
        #expect(circuit.state(at: Self.t0.addingTimeInterval(319)) == .open(until: Self.t0.addingTimeInterval(320)))
        #expect(circuit.state(at: Self.t0.addingTimeInterval(320)) == .trying)
        // The try fails long after the first failures left the window: open again, a fresh cool-down.
        circuit.apply(.failure, at: Self.t0.addingTimeInterval(900), settings: Self.settings)
        #expect(circuit.state(at: Self.t0.addingTimeInterval(901)) == .open(until: Self.t0.addingTimeInterval(1200)))
    }

    @Test func aSuccessClosesIt() {
        let closed = Self.circuit([Self.failure(0), Self.failure(10), Self.failure(20), Self.success(330)])
        #expect(closed.state(at: Self.t0.addingTimeInterval(331)) == .closed)
        #expect(closed.recentFailures.isEmpty)
        let interrupted = Self.circuit([Self.failure(0), Self.failure(10), Self.success(15), Self.failure(20)])
        #expect(interrupted.state(at: Self.t0.addingTimeInterval(21)) == .closed, "no success may come between the N failures")
    }

    @Test(arguments: [
        (ReplyFailure.Kind.cancelled, nil as Int?, nil as String?),
        (.http, 400, nil), (.http, 401, nil), (.http, 402, nil), (.http, 403, nil), (.http, 404, nil),
        (.http, 429, "free-models-per-day"), (.stream, nil, "402"),
    ])
    func failuresThatAreNotTheModelsFaultAreIgnored(kind: ReplyFailure.Kind, status: Int?, code: String?) {
        let outcomes = (0..<5).map { Self.failure(Double($0), status: status, kind: kind, code: code) }
        #expect(outcomes.allSatisfy { $0.effect == .neutral })
        #expect(Self.circuit(outcomes).state(at: Self.t0.addingTimeInterval(10)) == .closed)
    }

    @Test(arguments: [
        (ReplyFailure.Kind.http, 503 as Int?, nil as String?), (.http, 429, "429"), (.http, 408, nil), (.http, 502, nil),
        (.network, nil, nil), (.timeout, nil, "idle_timeout"), (.stream, nil, "server_error"), (.truncated, nil, nil),
        (.protocolViolation, nil, nil),
    ])
    func failuresThatSaySomethingAboutTheModelCount(kind: ReplyFailure.Kind, status: Int?, code: String?) {
        #expect(Self.failure(0, status: status, kind: kind, code: code).effect == .failure)
    }

    static func failed(_ failure: ReplyFailure) -> Reply {
        var reply = Reply()
        reply.failure = failure
        return reply
    }

    @Test func aFreeTierLimitIsToldApartFromAProvidersRateLimit() {
        let free = ReplyFailure(kind: .http, code: "429", status: 429, message: "Rate limit exceeded: free-models-per-min.")
        #expect(RouteOutcome(reply: Self.failed(free), model: "x/y:free", at: Self.t0, source: "ask").effect == .neutral)
        let provider = ReplyFailure(kind: .http, code: "429", status: 429, message: "Provider returned error", provider: "Chutes")
        let outcome = RouteOutcome(reply: Self.failed(provider), model: "x/y", at: Self.t0, source: "ask")
        #expect(outcome.effect == .failure)
        #expect(outcome.provider == "Chutes")
    }

    // MARK: - Skipping

    static func snapshot(open: [String], trying: [String] = []) -> HealthSnapshot {
        var snapshot = HealthSnapshot(settings: settings)
        for model in open { snapshot.models[model] = circuit([failure(0, model: model), failure(10, model: model), failure(20, model: model)]) }
        for model in trying { snapshot.models[model] = circuit([failure(-900, model: model), failure(-890, model: model), failure(-880, model: model)]) }
        return snapshot
    }

    @Test func anOpenPrimaryGivesWayToTheFirstHealthyFallback() {
        let now = Self.t0.addingTimeInterval(80)
        var request = ChatRequest(model: "a/open", messages: [], settings: RequestSettings(fallbackModels: ["b/open", "c/ok", "d/ok"]), maxTokens: 10)
        let plan = ChainSkip.apply(to: &request, health: Self.snapshot(open: ["a/open", "b/open"]), now: now)
        #expect(request.model == "c/ok")
        #expect(request.settings.fallbackModels == ["d/ok"])
        #expect(plan.skipped == [SkippedModel(model: "a/open", reason: "3 failures in 10 min", retryAfterSeconds: 240),
                                 SkippedModel(model: "b/open", reason: "3 failures in 10 min", retryAfterSeconds: 240)])
        #expect(ChainSkip.notices(plan).first == "skipping a/open for 4 min: 3 failures in 10 min")
    }

    @Test func aTryingModelIsSentAndAClosedChainIsUntouched() {
        var request = ChatRequest(model: "a/m", messages: [], settings: RequestSettings(fallbackModels: ["b/m"]), maxTokens: 10)
        let plan = ChainSkip.apply(to: &request, health: Self.snapshot(open: [], trying: ["a/m"]), now: Self.t0)
        #expect(plan == ChainSkip.Plan(chain: ["a/m", "b/m"], skipped: [], allOpen: false, open: []))
        #expect(request.model == "a/m" && request.settings.fallbackModels == ["b/m"])
    }

    @Test func aChainOfOnlyOpenModelsIsSentAsAsked() {
        var request = ChatRequest(model: "a/m", messages: [], settings: RequestSettings(fallbackModels: ["b/m"]), maxTokens: 10)
        let plan = ChainSkip.apply(to: &request, health: Self.snapshot(open: ["a/m", "b/m"]), now: Self.t0.addingTimeInterval(30))
        #expect(plan.allOpen && plan.skipped.isEmpty && plan.open.count == 2)
        #expect(request.model == "a/m" && request.settings.fallbackModels == ["b/m"], "never skip every model")
        #expect(ChainSkip.notices(plan) == ["circuit open for a/m, b/m (3 failures in 10 min): sending as asked, nothing healthier to try"])
    }

    // MARK: - The store

    @Test func theStoreIsSharedAndSurvivesReopening() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let first = RouteHealth(database: DatabaseHandle(file: sandbox.database), settings: Self.settings)
        for seconds in [0.0, 30, 60] { try first.record(Self.failure(seconds)) }
        try first.record(Self.success(70, model: "b/ok", ttft: 200, total: 1000))
        try first.record(Self.success(75, model: "b/ok", ttft: 400, total: 3000))
        try first.record(Self.failure(76, model: "b/ok", status: nil, kind: .cancelled))
        // Another handle (another process) on the same file sees the same circuits.
        let second = RouteHealth(database: DatabaseHandle(file: sandbox.database), settings: Self.settings)
        let now = Self.t0.addingTimeInterval(100)
        let snapshot = try second.snapshot(now: now)
        #expect(snapshot.state(ofModel: "a/m", at: now) == .open(until: Self.t0.addingTimeInterval(360)))
        #expect(snapshot.state(ofModel: "b/ok", at: now) == .closed)
        #expect(snapshot.providers["P"]?.state(at: now) == .closed, "b/ok's success through P closed the provider's circuit")

        let report = HealthReport(outcomes: try second.outcomes(since: .distantPast), snapshot: snapshot, now: now)
        let a = try #require(report.models.first { $0.name == "a/m" })
        #expect(a.requests == 3 && a.ok == 0 && a.failures == ["http 503": 3] && a.lastFailureKind == "http 503")
        let b = try #require(report.models.first { $0.name == "b/ok" })
        #expect(b.requests == 2 && b.okPercent == 100 && b.p50TotalMs == 3000 && b.p50TtftMs == 400, "a cancel is not a request")
    }

    @Test func aReplyServedByAFallbackClosesTheFallbackNotTheModelAsked() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let health = RouteHealth(database: DatabaseHandle(file: sandbox.database), settings: Self.settings)
        try health.record(Self.failure(0))
        try health.record(Self.failure(10))
        try health.record(RouteOutcome(model: "a/m", modelServed: "b/fallback", provider: "P", kind: .ok, at: Self.t0.addingTimeInterval(15)))
        try health.record(RouteOutcome(model: "a/m", modelServed: "a/m-2026-01-01", provider: "P", kind: .ok, at: Self.t0.addingTimeInterval(16)))
        try health.record(Self.failure(20))
        let now = Self.t0.addingTimeInterval(30)
        let snapshot = try health.snapshot(now: now)
        #expect(snapshot.state(ofModel: "a/m", at: now) == .closed, "a dated id of the model asked is the model asked")
        #expect(snapshot.models["b/fallback"] != nil && snapshot.state(ofModel: "b/fallback", at: now) == .closed)
        #expect(RouteOutcome(model: "a/m", modelServed: "b/fallback", kind: .ok, at: Self.t0).effect == .neutral)
        #expect(RouteOutcome(model: "a/m", modelServed: "A/M", kind: .ok, at: Self.t0).effect == .success)
    }

    @Test func aSuccessOfAFallbackDoesNotCloseTheModelAsked() {
        let fellBack = RouteOutcome(model: "a/m", modelServed: "b/fallback", kind: .ok, at: Self.t0.addingTimeInterval(15))
        let circuit = Self.circuit([Self.failure(0), Self.failure(10), fellBack, Self.failure(20)])
        #expect(circuit.state(at: Self.t0.addingTimeInterval(30)) == .open(until: Self.t0.addingTimeInterval(320)))
    }

    @Test func oldRowsArePruned() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let health = RouteHealth(database: DatabaseHandle(file: sandbox.database))
        try health.record(Self.failure(-8 * 86_400))
        try health.record(Self.success(0))
        #expect(try health.outcomes(since: .distantPast).map(\.kind) == [.ok], "rows older than 7 days go")
    }

    @Test func aVersion3LedgerIsUpgradedKeepingItsSpend() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let v3 = Migrator(steps: Array(PrismDatabase.migrator.steps.prefix(3)))
        do {
            let (old, _) = try SQLiteFile(url: sandbox.database, migrator: v3).open()
            try old.execute("INSERT INTO spend_entries (started_at, model, source, state, cost_pico) VALUES (1, 'a/b', 'ask', 'settled', 7)")
        }
        let ledger = sandbox.ledger()
        let health = RouteHealth(database: ledger.database)
        try health.record(Self.success(0))
        let found = try ledger.database.read { db throws -> [Int64?] in
            [Int64(try Migrator.version(of: db)), try db.scalarInt("SELECT cost_pico FROM spend_entries WHERE model = 'a/b'"),
             try db.scalarInt("SELECT settled_pico FROM spend_buckets"), try db.scalarInt("SELECT count(*) FROM route_outcomes")]
        }
        #expect(found == [Int64(PrismDatabase.migrator.latest), 7, 7, 1], "the latest version, the spend entry and its bucket kept, the outcome recorded")
    }

    @Test func healthSettingsComeFromConfig() throws {
        let (config, warnings) = try PrismConfig.parse("[health]\nfailures = 2\nwindow = 120\ncooldown = 60\n")
        #expect(warnings.isEmpty)
        #expect(config.health == HealthSettings(failures: 2, window: 120, cooldown: 60))
        #expect { try PrismConfig.parse("[health]\nfailures = 0\n") } throws: { "\($0)".contains("health.failures") }
        #expect { try PrismConfig.parse("[health]\ncooldown = \"5m\"\n") } throws: { "\($0)".contains("health.cooldown") }
    }
}
