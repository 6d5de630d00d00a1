#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PrismStub
import Testing

/// The stub server over real sockets: what URLSession (and a raw socket) actually receive.
@Suite(.timeLimit(.minutes(1))) struct StubServerTests {
    /// A session that never reuses connections between tests.
    private static func session() -> URLSession {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }

    private static func chatRequest(_ server: StubServer, model: String = "stub/echo", key: String? = nil) -> URLRequest {
        var request = URLRequest(url: server.baseURL.appendingPathComponent("chat/completions"))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("https://prism.example", forHTTPHeaderField: "HTTP-Referer")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
        let body: [String: Any] = [
            "model": model, "stream": true, "max_tokens": 256, "stream_options": ["include_usage": true],
            "messages": [["role": "user", "content": "Hello stub"]],
        ]
        request.httpBody = try? JSONSerialization.data(withJSONObject: body)
        return request
    }

    private static func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func startsOnEphemeralPortAndStops() throws {
        let server = StubServer()
        let port = try server.start()
        #expect(port > 0)
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(port)/api/v1")
        #expect(RawClient.connect(port: port) != nil)
        server.stop()
        Thread.sleep(forTimeInterval: 0.1)
        #expect(RawClient.connect(port: port) == nil, "the port refuses connections after stop()")
    }

    @Test func modelsListsStubModelsWithOrWithoutPrefix() async throws {
        let server = StubServer()
        let port = try server.start()
        defer { server.stop() }
        for url in [server.baseURL.appendingPathComponent("models"), URL(string: "http://127.0.0.1:\(port)/models")!] {
            let (data, response) = try await Self.session().data(from: url)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let models = try #require(json["data"] as? [[String: Any]])
            let ids = models.compactMap { $0["id"] as? String }
            #expect(ids == StubModels.ids)
            #expect(ids.contains("stub/echo") && ids.contains("stub/stall"))
            let pricing = try #require(models.first?["pricing"] as? [String: Any])
            #expect(pricing["prompt"] as? String == "0.000001")
            #expect(models.contains { ($0["pricing"] as? [String: Any])?["prompt"] as? String == "-1" })
        }
        server.modelsPayload = Data(#"{"data":[]}"#.utf8)
        let (data, _) = try await Self.session().data(from: server.baseURL.appendingPathComponent("models"))
        #expect(Self.text(data) == #"{"data":[]}"#)
    }

    @Test func keyEndpointReportsLimits() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let (data, _) = try await Self.session().data(from: server.baseURL.appendingPathComponent("key"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let key = try #require(json["data"] as? [String: Any])
        #expect(key["limit_remaining"] as? Double == 7.5)
        #expect(key["is_free_tier"] as? Bool == false)
    }

    @Test func streamIsOpenRouterShapedSSE() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stream(StubReply(content: ["Hel", "lo"], reasoning: ["Hmm"], keepAlives: 2,
                                         firstTokenDelay: 0.05, cost: "0.00012")))
        let (data, response) = try await Self.session().data(for: Self.chatRequest(server))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 200)
        #expect(http.value(forHTTPHeaderField: "Content-Type") == "text/event-stream")
        let body = Self.text(data)
        #expect(body.hasPrefix(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: {"))
        #expect(body.hasSuffix("data: [DONE]\n\n"))
        let events = body.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
            .map { String($0.dropFirst(6)) }
        #expect(events.count == 6)  // role, reasoning, 2 content, finish, usage
        #expect(events[0].contains(#""object":"chat.completion.chunk""#) && events[0].contains(#""role":"assistant""#))
        #expect(events[1].contains(#""reasoning":"Hmm","reasoning_details":[{"type":"reasoning.text","text":"Hmm","index":0}]"#))
        #expect(events[4].contains(#""finish_reason":"stop","native_finish_reason":"stop""#))
        #expect(events[5].contains(#""choices":[],"usage":{"#) && events[5].contains(#""cost":0.00012,"#))
        let usage = try #require(try JSONSerialization.jsonObject(with: Data(events[5].utf8)) as? [String: Any])
        #expect((usage["usage"] as? [String: Any])?["total_tokens"] as? Int == 15)

        let sent = try #require(server.chatRequests.first)
        #expect(sent.method == "POST" && sent.path == "/api/v1/chat/completions")
        #expect(sent["max_tokens"] as? Int == 256)
        #expect(sent.value(at: "stream_options", "include_usage") as? Bool == true)
        #expect(sent.header("http-referer") == "https://prism.example")
        #expect(sent.lastUserText == "Hello stub")
    }

    @Test func builtInModelsAndUnknownModel() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let (data, _) = try await Self.session().data(for: Self.chatRequest(server, model: "stub/echo"))
        #expect(Self.text(data).contains(#""content":"> "},"#) && Self.text(data).contains(#""content":"stub\n\n""#))
        let (error, response) = try await Self.session().data(for: Self.chatRequest(server, model: "nope/x"))
        #expect((response as? HTTPURLResponse)?.statusCode == 400)
        #expect(Self.text(error) == #"{"error":{"code":400,"message":"nope/x is not a valid model ID"}}"#)
    }

    @Test func variantIdsAreServedByTheirBaseModel() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let (data, response) = try await Self.session().data(for: Self.chatRequest(server, model: "stub/echo:free:online"))
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(Self.text(data).contains(#""content":"stub\n\n""#), "stub/echo's reply")
        // An unknown suffix is another model, which the stub does not have.
        let (_, unknown) = try await Self.session().data(for: Self.chatRequest(server, model: "stub/echo:beta"))
        #expect((unknown as? HTTPURLResponse)?.statusCode == 400)
    }

    @Test func requiredKeyGives401WithoutBearer() async throws {
        let server = StubServer(requiredKey: "sk-test")
        try server.start()
        defer { server.stop() }
        let (data, response) = try await Self.session().data(for: Self.chatRequest(server))
        #expect((response as? HTTPURLResponse)?.statusCode == 401)
        #expect(Self.text(data).contains("No auth credentials found"))
        let (_, good) = try await Self.session().data(for: Self.chatRequest(server, key: "sk-test"))
        #expect((good as? HTTPURLResponse)?.statusCode == 200)
        #expect(server.chatRequests.last?.header("Authorization") == "Bearer sk-test")
    }

    @Test func queuedHTTPErrorKeepsStatusAndRetryAfter() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.rateLimited(retryAfter: 1))
        server.enqueue(.providerError())
        let (data, response) = try await Self.session().data(for: Self.chatRequest(server))
        let http = try #require(response as? HTTPURLResponse)
        #expect(http.statusCode == 429)
        #expect(http.value(forHTTPHeaderField: "Retry-After") == "1")
        #expect(Self.text(data).contains(#""code":429"#))
        let (body502, response502) = try await Self.session().data(for: Self.chatRequest(server))
        #expect((response502 as? HTTPURLResponse)?.statusCode == 502)
        #expect(Self.text(body502) == #"{"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Google AI Studio","raw":"{\"error\":{\"message\":\"upstream overloaded\"}}"}}}"#)
        #expect(server.pendingBehaviors == 0)
    }

    @Test func misbehavingStreamsEndAsSpecified() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(contentsOf: [
            .truncate(after: 3), .midStreamError(after: 1, code: "server_error", message: "boom"), .disconnect(after: 2),
        ])
        let (truncated, _) = try await Self.session().data(for: Self.chatRequest(server))
        #expect(Self.text(truncated).components(separatedBy: "data: {").count == 4)
        #expect(!Self.text(truncated).contains("[DONE]") && !Self.text(truncated).contains(#""finish_reason":""#))
        let (failed, _) = try await Self.session().data(for: Self.chatRequest(server))
        #expect(Self.text(failed).hasSuffix(#""error":{"code":"server_error","message":"boom","metadata":{"error_type":"provider_unavailable"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error","native_finish_reason":null}]}"# + "\n\n"))
        await #expect(throws: (any Error).self) { try await Self.session().data(for: Self.chatRequest(server)) }
        #expect(server.clientDisconnects.isEmpty)
    }

    @Test func rawPiecesArriveVerbatimAndOtherBodies() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let pieces = [Data("data: {\"a\":1}\r".utf8), Data([0x0A, 0xE2, 0x82]), Data([0xAC, 0x0D, 0x0A, 0x0D, 0x0A])]
        server.enqueue(.raw(status: 200, contentType: "text/event-stream", pieces: pieces, delay: 0.02))
        server.enqueue(.errorBody200)
        let (raw, _) = try await Self.session().data(for: Self.chatRequest(server))
        #expect(raw == pieces.reduce(Data(), +))
        let (errorBody, response) = try await Self.session().data(for: Self.chatRequest(server))
        #expect((response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(Self.text(errorBody).contains(#""code":"server_error""#) && !Self.text(errorBody).contains("choices"))

        var plain = Self.chatRequest(server, model: "stub/fast")
        plain.httpBody = Data(#"{"model":"stub/fast","messages":[]}"#.utf8)
        let (completion, _) = try await Self.session().data(for: plain)
        let json = try #require(try JSONSerialization.jsonObject(with: completion) as? [String: Any])
        #expect(json["object"] as? String == "chat.completion")
    }

    @Test func rawClientClosingAStallIsRecorded() async throws {
        let server = StubServer()
        let port = try server.start()
        defer { server.stop() }
        server.enqueue(.stall(after: 0))
        let client = try #require(RawClient.connect(port: port))
        client.send("POST /chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
        #expect(client.receive().hasPrefix("HTTP/1.1 200 OK\r\n"))
        #expect(server.clientDisconnects.isEmpty)
        client.close()
        #expect(await server.waitForClientDisconnect(timeout: 5))
    }

    @Test func stopDoesNotHangWithStalledConnection() async throws {
        let server = StubServer()
        let port = try server.start()
        server.enqueue(.stall(after: 2))
        let client = try #require(RawClient.connect(port: port))
        defer { client.close() }
        client.send("POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n")
        #expect(client.receive().hasPrefix("HTTP/1.1 100 Continue"))
        client.send("{}")
        #expect(await server.waitForRequests(count: 1, timeout: 5))
        let started = Date()
        server.stop()
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(server.clientDisconnects.isEmpty, "a server stop is not a client disconnect")
    }
}

/// A minimal blocking TCP client, for what URLSession cannot do (send a partial request, hold a socket).
private final class RawClient {
    let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    static func connect(port: Int) -> RawClient? {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            Glibc.close(fd)
            return nil
        }
        return RawClient(fd: fd)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    /// What one `recv` returns (waiting at most 5 s), as text.
    func receive() -> String {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 5000) > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 65536, 0) }
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    func close() { Glibc.close(fd) }
}
