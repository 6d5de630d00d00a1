import Foundation
import PrismStub
import Testing
@testable import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// The three timeouts, each against a server that misbehaves in exactly its way.
@Suite("Connect, first-byte and idle timeouts", .serialized, .timeLimit(.minutes(1)))
struct TimeoutTests {
    @Test(arguments: TransportKind.allCases)
    func aServerThatNeverAnswersFailsAtTheFirstByteTimeoutWithoutRetrying(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(contentsOf: [.noAnswer, .noAnswer])
        let sleeps = SleepRecorder()
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, idleTimeout: 30, firstByteTimeout: 1,
                                               retry: RetryPolicy(maxRetries: 1, jitter: { 1 })),
            transport: transport.make(), sleep: sleeps.sleep)
        let reply = await client.streamChat(LimitFixtures.request).reply()
        let failure = try #require(reply.failure)
        #expect(failure.kind == .timeout && failure.code == "first_byte_timeout")
        #expect(failure.oneLine == "no response within 1 s of sending the request (set first_byte_timeout in config.toml to wait longer)")
        #expect(server.chatRequests.count == 1 && sleeps.delays.isEmpty, "the server has the request: not sent again")
        #expect(await server.waitForClientDisconnect(timeout: 3))
        // Measured by the server (its own threads), so a busy test pool cannot stretch it.
        if let sent = server.chatRequests.first?.receivedAt, let hungUp = server.clientDisconnects.first {
            #expect(hungUp.timeIntervalSince(sent) < 15, "hung up after \(hungUp.timeIntervalSince(sent)) s (the idle timeout is 30 s)")
        }
    }

    /// Keep-alive comments forever used to keep a reply waiting for ever: they are not content.
    @Test(arguments: TransportKind.allCases)
    func keepAlivesForeverFailAtTheIdleTimeoutAndKeepTheText(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.keepAlivesForever(after: 2, interval: 0.1))
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, idleTimeout: 1, retry: RetryPolicy(maxRetries: 2)),
            transport: transport.make(), sleep: { _ in })
        let (reply, keepAlives) = await TimeoutFixtures.run(client, giveUpAfter: 10)
        let failure = try #require(reply.failure)
        #expect(failure.kind == .timeout && failure.code == "idle_timeout", "\(failure)")
        #expect(failure.oneLine == "no reply content for 1 s, only keep-alive comments (set idle_timeout in config.toml to wait longer) (provider: Stub)")
        #expect(reply.content == StubReply.fillerPieces(count: 2).joined())
        #expect(keepAlives > 0)
        #expect(await server.waitForClientDisconnect(timeout: 3))
    }

    @Test(arguments: TransportKind.allCases)
    func silenceAfterTheHeadFailsAtTheIdleTimeoutAsNothingReceived(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stall(after: 0))
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, idleTimeout: 1, retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        let (reply, _) = await TimeoutFixtures.run(client, giveUpAfter: 10)
        #expect(reply.failure?.code == "idle_timeout")
        #expect(reply.failure?.oneLine == "nothing received for 1 s (set idle_timeout in config.toml to wait longer)")
    }

    /// Any real event resets the idle timer: a reply slower than the timeout in all, but
    /// never silent for that long, completes.
    @Test(arguments: TransportKind.allCases)
    func contentMoreOftenThanTheIdleTimeoutKeepsTheReplyAlive(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stream(StubReply(content: Array(repeating: "tick ", count: 7), interChunkDelay: 0.4)))
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: server.baseURL, idleTimeout: 1, retry: RetryPolicy(maxRetries: 0)),
            transport: transport.make())
        let (reply, _) = await TimeoutFixtures.run(client, giveUpAfter: 15)
        #expect(reply.failure == nil, "\(String(describing: reply.failure))")
        #expect(reply.content == String(repeating: "tick ", count: 7))
    }

    /// A connection the server's kernel never completes (its accept queue is full) fails at
    /// the connect timeout and is retried: the request never reached the server.
    @Test(arguments: TransportKind.allCases)
    func aHandshakeThatNeverCompletesFailsAtTheConnectTimeoutAndIsRetried(_ transport: TransportKind) async throws {
        let listener = try FullListener()
        defer { listener.close() }
        let sleeps = SleepRecorder()
        let client = OpenRouterClient(
            configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:\(listener.port)/api/v1")!,
                                               connectTimeout: 1, retry: RetryPolicy(maxRetries: 1, jitter: { 1 })),
            transport: transport.make(), sleep: sleeps.sleep)
        let start = Date()
        let reply = await client.streamChat(LimitFixtures.request).reply()
        let elapsed = Date().timeIntervalSince(start)
        #expect(reply.failure?.code == "connect_timeout")
        #expect(reply.failure?.oneLine == "could not connect within 1 s (set connect_timeout in config.toml to wait longer)")
        #expect(sleeps.delays.count == 1, "a connect timeout is retried")
        #expect(elapsed > 1.8 && elapsed < 15, "two attempts took \(elapsed) s")
    }

    @Test func onlyAConnectTimeoutIsRetried() {
        let policy = RetryPolicy(maxRetries: 3, jitter: { 1 })
        let connect = OpenRouterClient.timeoutFailure(.connect(10), onlyKeepAlives: false)
        let firstByte = OpenRouterClient.timeoutFailure(.firstByte(60), onlyKeepAlives: false)
        let idle = OpenRouterClient.timeoutFailure(.idle(300), onlyKeepAlives: true)
        #expect(policy.isRetryable(connect))
        #expect(!policy.isRetryable(firstByte))
        #expect(!policy.isRetryable(idle))
        #expect(idle.oneLine == "no reply content for 300 s, only keep-alive comments (set idle_timeout in config.toml to wait longer)")
    }

    @Test func theTimeoutsComeFromConfigTomlWithDefaults() throws {
        let (config, warnings) = try PrismConfig.parse("connect_timeout = 5\nfirst_byte_timeout = 20\nidle_timeout = 90\nrequest_timeout = 7\n")
        #expect(warnings.isEmpty)
        #expect(config.connectTimeout == 5 && config.firstByteTimeout == 20)
        #expect(config.idleTimeout == 90, "idle_timeout wins over its older name")
        #expect(throws: TOMLError.self) { try PrismConfig.parse("first_byte_timeout = 0\n") }
        let defaults = ClientConfiguration()
        #expect(defaults.connectTimeout == 10 && defaults.firstByteTimeout == 60 && defaults.idleTimeout == 300)
        let request = defaults.httpRequest(method: "GET", path: "models", headers: [:])
        #expect(request.connectTimeout == 10 && request.firstByteTimeout == 60 && request.idleTimeout == 300)
    }
}

enum TimeoutFixtures {
    /// Runs a request; cancels it after `giveUpAfter` seconds so a test that would hang fails instead.
    static func run(_ client: OpenRouterClient, giveUpAfter: TimeInterval) async -> (reply: Reply, keepAlives: Int) {
        let stream = client.streamChat(LimitFixtures.request)
        let guardTask = Task {
            try await Task.sleep(for: .seconds(giveUpAfter))
            stream.cancel()
        }
        defer { guardTask.cancel() }
        var reply = Reply()
        var keepAlives = 0
        for await event in stream {
            if case .keepAlive = event { keepAlives += 1 }
            if case .finished(let r) = event { reply = r }
        }
        return (reply, keepAlives)
    }
}

/// A listener whose accept queue is full and never drained: the kernel drops further SYNs,
/// so a new connection stays in its handshake (loopback only).
private struct FullListener {
    let fd: Int32
    let port: Int
    private let fillers: [Int32]

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 0) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TransportError(kind: .connection, message: "cannot listen") }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        var fillers: [Int32] = []
        for _ in 0..<3 {
            let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var target = address
            _ = withUnsafeMutablePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            fillers.append(client)
        }
        self.fillers = fillers
        usleep(100_000)
    }

    func close() {
        for f in fillers { _ = Glibc.close(f) }
        _ = Glibc.close(fd)
    }
}
