import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Streaming client against the stub server over real sockets", .serialized, .timeLimit(.minutes(1)))
struct ClientTests {
    @Test(arguments: TransportKind.allCases) func streamsAReplyWithUsageCostAndTimings(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: ["Hel", "lo", " 世界"], reasoning: ["think", "ing"],
                                           provider: "Anthropic", keepAlives: 2, firstTokenDelay: 0.05)))
        let (reply, events) = await h.run(h.request())
        #expect(reply.failure == nil)
        #expect(reply.content == "Hello 世界")
        #expect(reply.reasoning == "thinking")
        #expect(reply.provider == "Anthropic")
        #expect(reply.finishReason == "stop")
        #expect(reply.generationID?.hasPrefix("gen-") == true)
        #expect(reply.usage?.cost == Decimal(string: "0.000093"))
        #expect(reply.usage?.costIsEstimate == false)
        #expect(reply.timings.ttftMs != nil && reply.timings.totalMs != nil)
        #expect(reply.timings.ttftMs! <= reply.timings.totalMs!)
        #expect(events.contains(.keepAlive))
        #expect(events.filter { if case .contentDelta = $0 { true } else { false } }.count == 3)
    }

    @Test(arguments: TransportKind.allCases) func sendsMaxTokensUsageOptionAttributionAndKey(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        _ = await h.run(h.request(fallbacks: ["stub/slow"]))
        let sent = try #require(h.server.chatRequests.first)
        #expect(sent["max_tokens"] as? Int == 256)
        #expect(sent["stream"] as? Bool == true)
        #expect(sent.value(at: "stream_options", "include_usage") as? Bool == true)
        #expect(sent["models"] as? [String] == ["stub/fast", "stub/slow"])
        #expect(sent.header("authorization") == "Bearer sk-or-v1-testkey")
        #expect(sent.header("http-referer") != nil)
        #expect(sent.header("x-title") == "Prism")
    }

    @Test(arguments: TransportKind.allCases) func midStreamErrorKeepsPartialTextAndIsNotRetried(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.midStreamError(after: 3, code: "server_error", message: "Upstream died"))
        let (reply, _) = await h.run(h.request())
        #expect(reply.content == StubReply.fillerPieces(count: 3).joined())
        #expect(reply.failure?.kind == .stream)
        #expect(reply.failure?.code == "server_error")
        #expect(reply.failure?.message == "Upstream died")
        #expect(h.server.chatRequests.count == 1)
    }

    @Test func aNumericCodeInsideA200StreamIsNotShownAsAnHTTPStatus() {
        var accumulator = ReplyAccumulator()
        _ = accumulator.consume(data: #"{"id":"g","provider":"Stub","choices":[{"index":0,"delta":{"content":"so far"}}]}"#)
        _ = accumulator.consume(data: #"{"id":"g","error":{"code":502,"message":"Provider disconnected"},"choices":[{"index":0,"delta":{},"finish_reason":"error"}]}"#)
        let failure = accumulator.finishStream().failure
        #expect(failure?.kind == .stream && failure?.code == "502" && failure?.status == nil)
        #expect(failure?.oneLine == "error 502 mid-stream: Provider disconnected (provider: Stub)")
        #expect(ReplyFailure(kind: .stream, message: "the provider reported an error").oneLine == "error mid-stream: the provider reported an error")
    }

    @Test(arguments: TransportKind.allCases) func lostConnectionAfterTokensIsANetworkFailureWithPartialText(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.disconnect(after: 2))
        let (reply, _) = await h.run(h.request())
        #expect(reply.content == StubReply.fillerPieces(count: 2).joined())
        #expect(reply.failure?.kind == .network || reply.failure?.kind == .truncated)
        #expect(h.server.chatRequests.count == 1)
    }

    @Test(arguments: TransportKind.allCases) func cleanEndWithoutFinishReasonIsTruncated(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.truncate(after: 2))
        let (reply, _) = await h.run(h.request())
        #expect(reply.failure?.kind == .truncated)
        #expect(reply.content == StubReply.fillerPieces(count: 2).joined())
    }

    @Test(arguments: TransportKind.allCases) func stalledStreamTimesOutAndKeepsText(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport, idleTimeout: 1, maxRetries: 0)
        defer { h.server.stop() }
        h.server.enqueue(.stall(after: 2))
        let (reply, _) = await h.run(h.request())
        #expect(reply.failure?.kind == .timeout)
        #expect(reply.content == StubReply.fillerPieces(count: 2).joined())
    }

    @Test(arguments: TransportKind.allCases) func providerErrorIsRetriedThenReportedWithProviderAndUpstreamMessage(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport, maxRetries: 2)
        defer { h.server.stop() }
        h.server.enqueue(contentsOf: [.providerError(), .providerError(), .providerError()])
        let (reply, events) = await h.run(h.request())
        #expect(h.server.chatRequests.count == 3)
        #expect(h.sleeps.delays == [1, 2])
        #expect(events.filter { if case .retrying = $0 { true } else { false } }.count == 2)
        let failure = try #require(reply.failure)
        #expect(failure.kind == .http && failure.status == 502)
        #expect(failure.provider == "Google AI Studio")
        #expect(failure.upstreamMessage == "upstream overloaded")
        #expect(failure.oneLine == "HTTP 502 Provider returned error: upstream overloaded (provider: Google AI Studio)")
        #expect(reply.timings.attempts == 3)
    }

    @Test(arguments: TransportKind.allCases) func rateLimitHonoursRetryAfterThenSucceeds(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(contentsOf: [.rateLimited(retryAfter: 7), .text(["ok"])])
        let (reply, _) = await h.run(h.request())
        #expect(reply.failure == nil)
        #expect(reply.content == "ok")
        #expect(h.sleeps.delays == [7])
    }

    @Test("client errors are never retried", arguments: TransportKind.allCases, [400, 401, 402, 403])
    func clientErrorsAreNotRetried(_ transport: TransportKind, status: Int) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.openRouterError(status: status, message: "nope \(status)"))
        let (reply, _) = await h.run(h.request())
        #expect(reply.failure?.status == status)
        #expect(reply.failure?.message == "nope \(status)")
        #expect(h.server.chatRequests.count == 1)
        #expect(h.sleeps.delays.isEmpty)
    }

    @Test(arguments: TransportKind.allCases) func wrongKeyGives401InOneLineWithoutTheKey(_ transport: TransportKind) async throws {
        let server = StubServer(requiredKey: "sk-or-v1-right")
        try server.start()
        defer { server.stop() }
        let client = OpenRouterClient(configuration: ClientConfiguration(baseURL: server.baseURL, apiKey: "sk-or-v1-wrongsecret"),
                                      transport: transport.make())
        let reply = await client.streamChat(ChatRequest(model: "stub/fast", messages: [ChatMessage(role: .user, content: "x")], maxTokens: 5)).reply()
        #expect(reply.failure?.status == 401)
        #expect(reply.failure?.oneLine.contains("wrongsecret") == false)
    }

    @Test(arguments: TransportKind.allCases) func errorBodyWithStatus200IsAFailure(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.errorBody200)
        let (reply, _) = await h.run(h.request())
        #expect(reply.failure?.kind == .http, "nothing streamed: an error before the reply, not mid-stream")
        #expect(reply.failure?.code == "server_error")
        #expect(reply.failure?.oneLine == "error server_error: Internal server error while processing the request")
    }

    @Test(arguments: TransportKind.allCases) func missingCostIsEstimatedFromCatalogPricesAndMarked(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: ["a", "b"], promptTokens: 1000, completionTokens: 500, cost: nil)))
        let pricing = ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002"))
        let (reply, _) = await h.run(h.request(pricing: pricing))
        #expect(reply.usage?.cost == Decimal(string: "0.002"))
        #expect(reply.usage?.costIsEstimate == true)
    }

    @Test(arguments: TransportKind.allCases) func noUsageAtAllMeansNoCostNeverAMadeUpNumber(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: ["a"], includeUsage: false)))
        let pricing = ModelPricing(prompt: 1, completion: 1)
        let (reply, _) = await h.run(h.request(pricing: pricing))
        #expect(reply.failure == nil)
        #expect(reply.usage == nil)
    }

    @Test(arguments: TransportKind.allCases) func cancelClosesTheConnectionAtOnceAndKeepsPartialText(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: Array(repeating: "tok ", count: 200), interChunkDelay: 0.05)))
        let stream = h.client.streamChat(h.request())
        var reply = Reply()
        var deltas = 0
        for await event in stream {
            if case .contentDelta = event {
                deltas += 1
                if deltas == 3 { stream.cancel() }
            }
            if case .finished(let r) = event { reply = r }
        }
        #expect(reply.failure?.kind == .cancelled)
        #expect(reply.content.hasPrefix("tok tok tok "))
        #expect(reply.content.count < 200 * 4)
        #expect(await h.server.waitForClientDisconnect(timeout: 2))
    }

    @Test(arguments: TransportKind.allCases) func callbackStreamDeliversEventsInOrderAndCancels(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        h.server.enqueue(.stream(StubReply(content: ["one ", "two ", "three"])))
        h.server.enqueue(.stream(StubReply(content: Array(repeating: "tok ", count: 200), interChunkDelay: 0.05)))
        let seen = EventLog()
        await h.client.streamChat(h.request()) { seen.append($0) }.wait()
        let first = seen.take()
        #expect(first.compactMap { if case .contentDelta(let t) = $0 { t } else { nil } } == ["one ", "two ", "three"])
        guard case .finished(let reply) = first.last else {
            Issue.record("the last event is not .finished: \(String(describing: first.last))")
            return
        }
        #expect(reply.content == "one two three" && reply.failure == nil)

        let handle = h.client.streamChat(h.request()) { seen.append($0) }
        while seen.count(where: { if case .contentDelta = $0 { true } else { false } }) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        handle.cancel()
        await handle.wait()
        guard case .finished(let cancelled) = seen.take().last else {
            Issue.record("a cancelled callback stream must still end with .finished")
            return
        }
        #expect(cancelled.failure?.kind == .cancelled)
        #expect(cancelled.content.hasPrefix("tok tok tok ") && cancelled.content.count < 200 * 4)
        #expect(await h.server.waitForClientDisconnect(timeout: 2))
    }

    @Test(arguments: TransportKind.allCases) func connectionRefusedIsRetriedAndReported(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        let url = server.baseURL
        server.stop()
        let sleeps = SleepRecorder()
        let client = OpenRouterClient(configuration: ClientConfiguration(baseURL: url, retry: RetryPolicy(maxRetries: 2, jitter: { 1 })),
                                      transport: transport.make(), sleep: sleeps.sleep)
        let reply = await client.streamChat(ChatRequest(model: "m", messages: [], maxTokens: 5)).reply()
        #expect(reply.failure?.kind == .network)
        #expect(sleeps.delays.count == 2)
    }

    @Test(arguments: TransportKind.allCases) func fetchesCatalogAndKey(_ transport: TransportKind) async throws {
        let h = try StubHarness(transport: transport)
        defer { h.server.stop() }
        let models = try await h.client.fetchModels()
        #expect(models.contains { $0.id == "stub/echo" })
        let router = try #require(models.first { $0.id == "stub/auto" })
        #expect(router.pricing.prompt == nil, "a -1 price means unknown, never free")
        let key = try await h.client.fetchKeyInfo()
        #expect(key.limitRemaining == Decimal(string: "7.5"))
    }
}

/// Events collected from a callback stream, from whichever thread delivers them.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [CompletionEvent] = []

    func append(_ event: CompletionEvent) { lock.withLock { events.append(event) } }
    func count(where match: (CompletionEvent) -> Bool) -> Int { lock.withLock { events.filter(match).count } }
    func take() -> [CompletionEvent] { lock.withLock { defer { events = [] }; return events } }
}
