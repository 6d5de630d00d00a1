import Foundation
import PrismStub
import Testing
@testable import PrismCore

/// Smaller wire-level holes: a reply left open after its usage, error bodies in a 200,
/// redirects, and events that are not chunks.
@Suite("Finished replies, 200 errors, redirects and skipped events", .serialized, .timeLimit(.minutes(1)))
struct WireHolesTests {
    /// Before, this waited for `[DONE]` or the end of the body, so it hung until the idle timeout.
    @Test(arguments: TransportKind.allCases)
    func aReplyWithFinishReasonAndUsageIsCompleteWhileTheConnectionStaysOpen(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.openAfterUsage(StubReply(content: ["Hel", "lo"])))
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, idleTimeout: 30, retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        // Waiting for the end would time out at 30 s, or be cancelled by the guard at 20 s.
        let (reply, _) = await TimeoutFixtures.run(client, giveUpAfter: 20)
        #expect(reply.failure == nil, "\(String(describing: reply.failure))")
        #expect(reply.content == "Hello" && reply.finishReason == "stop" && reply.usage?.completionTokens == 2)
        #expect(await server.waitForClientDisconnect(timeout: 3), "the client closes the connection itself")
    }

    @Test func completeMeansDoneOrUsageAtOrAfterTheFinishReason() {
        var a = ReplyAccumulator()
        _ = a.consume(data: #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}"#)
        #expect(!a.isComplete, "usage before the finish reason is not the end")
        _ = a.consume(data: #"{"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]}"#)
        #expect(!a.isComplete, "the finish reason alone: the usage chunk is still to come")
        _ = a.consume(data: #"{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1}}"#)
        #expect(a.isComplete)

        var b = ReplyAccumulator()
        _ = b.consume(data: #"{"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}],"usage":{"completion_tokens":1}}"#)
        #expect(b.isComplete, "finish reason and usage in one chunk")

        var c = ReplyAccumulator()
        _ = c.consume(data: "[DONE]")
        #expect(c.isComplete)
    }

    @Test(arguments: TransportKind.allCases)
    func anErrorBodyInA200IsAnErrorBeforeTheReplyRetriedLikeItsStatus(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let body = StubBehavior.openRouterErrorBody(code: 503, message: "No instances available", providerName: "Stub Cloud")
        server.enqueue(contentsOf: [.httpError(status: 200, body: body, headers: [:]),
                                    .httpError(status: 200, body: body, headers: [:])])
        let sleeps = SleepRecorder()
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, retry: RetryPolicy(maxRetries: 1, jitter: { 1 })),
            transport: transport.make(), sleep: sleeps.sleep)
        let reply = await client.streamChat(LimitFixtures.request).reply()
        let failure = try #require(reply.failure)
        #expect(failure.kind == .http && failure.status == nil && failure.code == "503")
        #expect(failure.oneLine == "error 503: No instances available (provider: Stub Cloud)")
        #expect(server.chatRequests.count == 2, "503 is retried, as an HTTP 503 would be")

        server.enqueue(.httpError(status: 200, body: StubBehavior.openRouterErrorBody(code: 400, message: "bad"), headers: [:]))
        let refused = await client.streamChat(LimitFixtures.request).reply()
        #expect(refused.failure?.oneLine == "error 400: bad")
        #expect(server.chatRequests.count == 3, "400 is not retried")
    }

    /// Neither transport follows a redirect: the second server (another host, as far as the
    /// client knows) never sees the request or its Authorization header.
    @Test(arguments: TransportKind.allCases)
    func redirectsAreRefusedAndReportedWithoutCredentials(_ transport: TransportKind) async throws {
        let first = StubServer()
        let second = StubServer()
        try first.start()
        try second.start()
        defer {
            first.stop()
            second.stop()
        }
        let target = "http://user:secret@127.0.0.1:\(second.port)/api/v1/chat/completions"
        first.enqueue(.redirect(to: target))
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: first.baseURL, apiKey: "sk-or-v1-redirected", retry: RetryPolicy(maxRetries: 2)),
            transport: transport.make(), sleep: { _ in })
        let reply = await client.streamChat(LimitFixtures.request).reply()
        let failure = try #require(reply.failure)
        #expect(failure.status == 307)
        #expect(failure.oneLine == "HTTP 307 redirect to http://127.0.0.1:\(second.port)/api/v1/chat/completions refused "
                + "(Prism does not follow redirects: check the base URL)")
        #expect(!failure.oneLine.contains("secret"))
        try await Task.sleep(for: .milliseconds(200))
        #expect(second.requests.isEmpty, "the redirect was followed")
        #expect(first.chatRequests.count == 1, "a redirect is not retried")
    }

    @Test func aRedirectLocationIsShownAbsoluteAndWithoutUserOrPassword() {
        let base = URL(string: "https://api.example.com/v1")!
        #expect(OpenRouterClient.displayLocation("/v2/chat", base: base) == "https://api.example.com/v2/chat")
        #expect(OpenRouterClient.displayLocation("https://a:b@other.example/x?q=1", base: base) == "https://other.example/x?q=1")
        #expect(OpenRouterClient.displayLocation("   ", base: base) == nil)
        let long = OpenRouterClient.displayLocation("https://h.example/" + String(repeating: "p", count: 500), base: base)
        #expect(long?.count == 201 && long?.hasSuffix("…") == true)
    }

    @Test(arguments: TransportKind.allCases)
    func eventsThatAreNotChunksAreCountedOnTheReply(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.malformedEvents)
        let client = OpenRouterClient(configuration: ClientConfiguration(baseURL: server.baseURL), transport: transport.make())
        let reply = await client.streamChat(LimitFixtures.request).reply()
        #expect(reply.failure == nil)
        #expect(reply.content == "Hello world")
        #expect(reply.skippedEvents == 2)
    }

    @Test func whatCountsAsSkipped() {
        var a = ReplyAccumulator()
        for payload in ["not json", "42", "\"text\"", "[1]", #"{"foo":1}"#, "{broken"] { _ = a.consume(data: payload) }
        #expect(a.reply.skippedEvents == 6)
        for payload in ["", "  ", #"{"choices":[]}"#, #"{"usage":null}"#, #"{"error":{"message":"x"}}"#] { _ = a.consume(data: payload) }
        #expect(a.reply.skippedEvents == 6, "empty heartbeats and real chunk shapes are not skipped")
    }

    @Test func skippedEventsAreSavedOnTheMessageAndReadLeniently() throws {
        var message = Message(id: "m", parentID: nil, role: .assistant, content: "", createdAt: Date(timeIntervalSince1970: 0))
        var reply = Reply()
        reply.content = "partial"
        reply.skippedEvents = 3
        message.apply(reply)
        #expect(message.skippedEvents == 3)
        let encoder = JSONEncoder()
        let json = String(decoding: try encoder.encode(message), as: UTF8.self)
        #expect(json.contains(#""skipped_events":3"#))
        #expect(try JSONDecoder().decode(Message.self, from: Data(json.utf8)).skippedEvents == 3)

        message.apply(Reply())
        #expect(message.skippedEvents == nil)
        #expect(!String(decoding: try encoder.encode(message), as: UTF8.self).contains("skipped_events"), "absent when none")

        let old = #"{"id":"m","role":"assistant","content":"x","created_at":0}"#
        #expect(try JSONDecoder().decode(Message.self, from: Data(old.utf8)).skippedEvents == nil)
        let odd = #"{"id":"m","role":"assistant","content":"x","created_at":0,"skipped_events":"many"}"#
        #expect(try JSONDecoder().decode(Message.self, from: Data(odd.utf8)).skippedEvents == nil)
    }
}
