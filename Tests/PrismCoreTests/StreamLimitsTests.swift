import Foundation
import PrismStub
import Testing
@testable import PrismCore

/// Nothing a server sends can grow Prism without limit: one SSE line and one event are capped.
@Suite("Stream line and event caps", .serialized, .timeLimit(.minutes(1)))
struct StreamLimitsTests {
    @Test func anEndlessLineStopsBufferingAtTheCapNotAfterIt() {
        var decoder = SSEDecoder(maxLineBytes: 1000, maxEventBytes: 1000)
        #expect(decoder.feed(Data("data: {\"a\":1}\n\n".utf8)).count == 1)
        _ = decoder.feed(Data("data: ".utf8))
        let piece = Data(repeating: UInt8(ascii: "x"), count: 300)
        var most = 0
        for _ in 0..<20 {
            _ = decoder.feed(piece)
            most = max(most, decoder.bufferedBytes)
        }
        #expect(most <= 1000, "held \(most) bytes of a line capped at 1000")
        #expect(decoder.overflow == .line(limit: 1000))
        #expect(decoder.bufferedBytes == 0, "what was buffered is let go")
        #expect(decoder.feed(Data("\n\ndata: {}\n\n".utf8)).isEmpty, "nothing after the overflow is dispatched")
    }

    @Test func aLineAtTheCapPassesAndOneByteMoreDoesNot() {
        let value = String(repeating: "y", count: 94)  // "data: " + 94 = 100 bytes
        var decoder = SSEDecoder(maxLineBytes: 100, maxEventBytes: 1000)
        #expect(decoder.feed(Data("data: \(value)\n\n".utf8)).map(\.data) == [value])
        #expect(decoder.overflow == nil)
        #expect(decoder.feed(Data("data: \(value)y\n\n".utf8)).isEmpty)
        #expect(decoder.overflow == .line(limit: 100))
    }

    @Test func anEventOfManyShortLinesIsCappedToo() {
        var decoder = SSEDecoder(maxLineBytes: 100, maxEventBytes: 250)
        let line = Data("data: \(String(repeating: "z", count: 60))\n".utf8)
        var dispatched: [SSEEvent] = []
        for _ in 0..<10 { dispatched += decoder.feed(line) }
        #expect(dispatched.isEmpty)
        #expect(decoder.overflow == .event(limit: 250))
        #expect(decoder.bufferedBytes == 0)
    }

    @Test func eventsBeforeTheOversizedLineInTheSamePieceStillArrive() {
        var decoder = SSEDecoder(maxLineBytes: 50, maxEventBytes: 50)
        let events = decoder.feed(Data("data: one\n\ndata: \(String(repeating: "w", count: 80))\n\n".utf8))
        #expect(events.map(\.data) == ["one"])
        #expect(decoder.overflow == .line(limit: 50))
    }

    @Test func theDefaultCapIs16MiBForALineAndAnEvent() {
        let decoder = SSEDecoder()
        #expect(decoder.maxLineBytes == 16 << 20 && decoder.maxEventBytes == 16 << 20)
        #expect(ClientConfiguration().maxEventBytes == 16 << 20)
    }

    /// The reply fails as a protocol error naming the cap, keeps the text before it, and
    /// the client hangs up: the server could write little more than the cap (plus socket buffers).
    ///
    /// URLSession gets the line at a network's pace (64 KiB per ms at most): on Linux it reads
    /// without back-pressure, and against a loopback flood its cancel can take seconds to reach
    /// the connection while it keeps reading (libcurl, the default, stops at once).
    @Test(arguments: TransportKind.allCases)
    func anEndlessLineFailsTheReplyCleanlyAndKeepsTheText(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.endlessLine(after: 3, pace: transport == .curl ? 0 : 0.001))
        var configuration = ClientConfiguration(baseURL: server.baseURL, retry: RetryPolicy(maxRetries: 2, jitter: { 1 }))
        configuration.maxEventBytes = 1 << 20
        let client = OpenRouterClient(configuration: configuration, transport: transport.make(), sleep: { _ in })
        let reply = await client.streamChat(LimitFixtures.request).reply()
        #expect(reply.failure?.kind == .protocolViolation)
        #expect(reply.failure?.oneLine == "the server sent a stream line longer than Prism's 1 MiB limit (provider: Stub)")
        #expect(reply.content == StubReply.fillerPieces(count: 3).joined())
        #expect(server.chatRequests.count == 1, "text arrived: never retried")
        #expect(await server.waitForClientDisconnect(timeout: 5))
        let written = try #require(server.endlessLineBytes.first)
        #expect(written < 16 << 20, "the server wrote \(written) bytes before the client hung up")
    }

    @Test(arguments: TransportKind.allCases)
    func aNonStreamedBodyOverTheCapFailsNamingIt(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let big = Data(#"{"choices":[{"index":0,"message":{"content":""#.utf8) + Data(repeating: 0x61, count: 300_000)
            + Data(#""}}]}"#.utf8)
        server.enqueue(.raw(status: 200, contentType: "application/json", pieces: [big], delay: 0))
        var configuration = ClientConfiguration(baseURL: server.baseURL, retry: RetryPolicy(maxRetries: 0))
        configuration.maxEventBytes = 200 << 10
        let client = OpenRouterClient(configuration: configuration, transport: transport.make())
        let reply = await client.streamChat(LimitFixtures.request).reply()
        #expect(reply.failure?.kind == .protocolViolation)
        #expect(reply.failure?.message == "the response is larger than Prism's 200 KiB limit")
    }
}

enum LimitFixtures {
    static let request = ChatRequest(model: "stub/fast", messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 64)
}
