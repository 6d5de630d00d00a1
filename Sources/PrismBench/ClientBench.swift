import Foundation
import PrismCore
import PrismStub

/// Benchmark 5: end-to-end streaming through `OpenRouterClient`.
///
/// (a) `DemoTransport` with `demo/instant`: the whole client pipeline (request body, async
/// body stream, SSE decoder, accumulator, event stream) with no sockets and no delays.
/// (b) `CurlTransport` (the live one) and `URLSessionTransport` against a `StubServer` on
/// 127.0.0.1 streaming 2,000 content chunks with no delay: adds HTTP/1.1 chunked transfer
/// over loopback and the HTTP stack.
enum ClientBench {
    static func run() async throws {
        var table = Table("5. End-to-end client streaming",
                          headers: ["Path", "Runs", "Reply (median)", "p90", "TTFT (median)", "Events/s", "Tokens/s"])
        let demo = try await demoRuns(runs: 50)
        add(demo, "OpenRouterClient + DemoTransport (demo/instant)", to: &table)
        let curl = try await stubRuns(runs: 10, chunks: 2_000, transport: CurlTransport())
        add(curl, "OpenRouterClient + libcurl → StubServer (2,000 chunks)", to: &table)
        let urlSession = try await stubRuns(runs: 10, chunks: 2_000, transport: URLSessionTransport())
        add(urlSession, "OpenRouterClient + URLSession → StubServer (2,000 chunks)", to: &table)
        table.note("Reply = streamChat() called → `.finished` received; TTFT = → first content delta.")
        table.note("Events/s = CompletionEvents delivered / reply time; tokens/s = content deltas / (reply time − TTFT).")
        if let events = demo.first?.events, let tokens = demo.first?.tokens {
            table.note("demo/instant reply: \(events) events, \(tokens) content deltas (the canned answer is short).")
        }
        let failures = (demo + curl + urlSession).filter { !$0.succeeded }.count
        if failures > 0 { table.note("warning: \(failures) replies failed") }
        table.print()
    }

    struct Run {
        var total: Double
        var ttft: Double?
        var events: Int
        var tokens: Int
        var succeeded: Bool
    }

    private static func add(_ runs: [Run], _ label: String, to table: inout Table) {
        let total = Samples(seconds: runs.map(\.total))
        let ttft = Samples(seconds: runs.compactMap(\.ttft))
        let eventsPerSecond = Samples(seconds: runs.map { Double($0.events) / $0.total }).median
        let tokensPerSecond = Samples(seconds: runs.compactMap { run in
            run.ttft.map { Double(run.tokens) / (run.total - $0) }
        }).median
        table.add([label, "\(runs.count)", Format.ms(total.median), Format.ms(total.p90), Format.ms(ttft.median),
                   Format.grouped(Int(eventsPerSecond.rounded())), Format.grouped(Int(tokensPerSecond.rounded()))])
    }

    /// Streams one reply and times it.
    private static func stream(_ client: OpenRouterClient, model: String) async -> Run {
        let request = ChatRequest(model: model, messages: [ChatMessage(role: .user, content: "Explain SSE briefly")],
                                  maxTokens: 8_192)
        let start = Measure.clock.now
        var ttft: Double?
        var events = 0
        var tokens = 0
        var succeeded = false
        for await event in client.streamChat(request) {
            events += 1
            switch event {
            case .contentDelta:
                tokens += 1
                if ttft == nil { ttft = (Measure.clock.now - start).seconds }
            case .finished(let reply):
                succeeded = reply.succeeded
            default:
                break
            }
        }
        return Run(total: (Measure.clock.now - start).seconds, ttft: ttft, events: events, tokens: tokens,
                   succeeded: succeeded)
    }

    private static func demoRuns(runs: Int) async throws -> [Run] {
        let client = OpenRouterClient(configuration: ClientConfiguration(), transport: DemoTransport())
        for _ in 0..<5 { _ = await stream(client, model: "demo/instant") }
        var out: [Run] = []
        for _ in 0..<runs { out.append(await stream(client, model: "demo/instant")) }
        return out
    }

    private static func stubRuns(runs: Int, chunks: Int, transport: any HTTPTransport) async throws -> [Run] {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let words = ["The", " stream", " is", " decoded", " as", " it", " arrives", ",", " token", " by", " token", "."]
        let reply = StubReply(content: (0..<chunks).map { words[$0 % words.count] }, model: "stub/bench",
                              provider: "Stub", keepAlives: 1)
        let configuration = ClientConfiguration(baseURL: server.baseURL, apiKey: "sk-bench", idleTimeout: 30,
                                                retry: RetryPolicy(maxRetries: 0))
        let client = OpenRouterClient(configuration: configuration, transport: transport)
        var out: [Run] = []
        for n in 0..<(runs + 2) {
            server.enqueue(.stream(reply))
            let run = await stream(client, model: "stub/bench")
            if n >= 2 { out.append(run) }  // the first two warm up the HTTP stack and the server
        }
        return out
    }
}
