import Foundation
import PrismStub
import Testing
@testable import PrismCore

/// Records the delays the client asked to sleep, without sleeping.
final class SleepRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var _delays: [Double] = []
    var delays: [Double] { lock.withLock { _delays } }

    var sleep: @Sendable (Double) async throws -> Void {
        { [self] delay in
            lock.withLock { _delays.append(delay) }
            try Task.checkCancellation()
        }
    }
}

/// The live transports, so the client suite runs against each.
enum TransportKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case curl
    case urlSession

    func make() -> any HTTPTransport {
        switch self {
        case .curl: CurlTransport()
        case .urlSession: URLSessionTransport()
        }
    }

    var testDescription: String { rawValue }
}

/// A stub server and a client pointed at it, for one test.
struct StubHarness {
    let server: StubServer
    let client: OpenRouterClient
    let sleeps: SleepRecorder

    init(transport: TransportKind = .curl, key: String? = "sk-or-v1-testkey", idleTimeout: TimeInterval = 10, maxRetries: Int = 2) throws {
        server = StubServer(requiredKey: key)
        try server.start()
        sleeps = SleepRecorder()
        let configuration = ClientConfiguration(baseURL: server.baseURL, apiKey: key, idleTimeout: idleTimeout,
                                                retry: RetryPolicy(maxRetries: maxRetries, jitter: { 1 }))
        client = OpenRouterClient(configuration: configuration, transport: transport.make(), sleep: sleeps.sleep)
    }

    func request(model: String = "stub/fast", pricing: ModelPricing? = nil, fallbacks: [String] = []) -> ChatRequest {
        ChatRequest(model: model, messages: [ChatMessage(role: .user, content: "hi")],
                    settings: RequestSettings(fallbackModels: fallbacks), maxTokens: 256, pricing: pricing)
    }

    /// Runs a request to its end, collecting every event.
    func run(_ request: ChatRequest) async -> (reply: Reply, events: [CompletionEvent]) {
        var events: [CompletionEvent] = []
        var reply = Reply()
        for await event in client.streamChat(request) {
            events.append(event)
            if case .finished(let r) = event { reply = r }
        }
        return (reply, events)
    }
}
