import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Secrets a server echoes back are redacted before anything holds them", .timeLimit(.minutes(1)))
struct SecretRedactionTests {
    static let key = "sk-or-v1-ECHOED0123456789abcdef"
    static let customKey = "plain-custom-key-4242"

    private func client(_ server: StubServer, key: String?, transport: TransportKind = .curl, baseURL: URL? = nil,
                        headers: [String: String] = [:]) -> OpenRouterClient {
        var configuration = ClientConfiguration(baseURL: baseURL ?? server.baseURL, apiKey: key, idleTimeout: 10,
                                                retry: RetryPolicy(maxRetries: 0))
        configuration.extraHeaders = headers
        return OpenRouterClient(configuration: configuration, transport: transport.make())
    }

    private func request(_ model: String = StubModels.echoKey) -> ChatRequest {
        ChatRequest(model: model, messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 64)
    }

    /// Every text of a failure a user could see or a file could hold.
    private func texts(_ failure: ReplyFailure) throws -> String {
        let saved = String(decoding: try JSONEncoder().encode(failure), as: UTF8.self)
        return [failure.oneLine, failure.message, failure.upstreamMessage ?? "", saved].joined(separator: "\n")
    }

    @Test("a 401 quoting Authorization loses the key, through either transport", arguments: TransportKind.allCases)
    func chatFailureIsRedacted(transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let stream = client(server, key: Self.key, transport: transport).streamChat(request())
        var reply = Reply()
        for await event in stream { if case .finished(let r) = event { reply = r } }
        let failure = try #require(reply.failure)
        #expect(failure.status == 401)
        #expect(server.chatRequests.first?.header("authorization") == "Bearer \(Self.key)", "the key was sent, and echoed")
        let shown = try texts(failure)
        #expect(!shown.contains(Self.key))
        #expect(!shown.contains("ECHOED0123"))
        #expect(failure.message.contains("Bearer [REDACTED]"), "the message still says what happened: \(failure.message)")
    }

    @Test func aKeyOfAnyShapeAndSecretHeadersAreRedacted() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.echoesCredentialsBack = true
        let client = client(server, key: Self.customKey, headers: ["X-Api-Key": "header-secret-7777", "X-Team": "prism"])
        var reply = Reply()
        for await event in client.streamChat(request("stub/fast")) { if case .finished(let r) = event { reply = r } }
        let shown = try texts(try #require(reply.failure))
        #expect(!shown.contains(Self.customKey))
        #expect(!shown.contains("header-secret-7777"))
        #expect(server.requests.first?.header("x-api-key") == "header-secret-7777")
    }

    @Test func errorsInsideTheStreamAndInA200BodyAreRedactedToo() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.midStreamError(after: 2, code: 502, message: "upstream rejected \(Self.customKey) mid-way"))
        server.enqueue(.httpError(status: 200, body: StubBehavior.openRouterErrorBody(
            code: "server_error", message: "bad key \(Self.customKey)"), headers: [:]))
        let client = client(server, key: Self.customKey)
        for _ in 0..<2 {
            var reply = Reply()
            for await event in client.streamChat(request("stub/fast")) { if case .finished(let r) = event { reply = r } }
            let failure = try #require(reply.failure)
            #expect(!(try texts(failure)).contains(Self.customKey), "\(failure.oneLine)")
            #expect(failure.message.contains("[REDACTED]"))
        }
    }

    @Test func catalogAndKeyFetchErrorsAreRedacted() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.echoesCredentialsBack = true
        let client = client(server, key: Self.key)
        for fetch in [{ _ = try await client.fetchModels() }, { _ = try await client.fetchKeyInfo() }] as [@Sendable () async throws -> Void] {
            do {
                try await fetch()
                Issue.record("the fetch should have failed")
            } catch let error as APIRequestError {
                #expect(error.failure.status == 401)
                #expect(!(try texts(error.failure)).contains(Self.key))
                #expect(!"\(error)".contains(Self.key))
            }
        }
    }

    @Test func basicAuthFromURLCredentialsIsRedacted() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        let base = try #require(URL(string: "http://alice:hunter2pw@127.0.0.1:\(server.port)/api/v1"))
        var reply = Reply()
        for await event in client(server, key: nil, baseURL: base).streamChat(request()) {
            if case .finished(let r) = event { reply = r }
        }
        let sent = try #require(server.chatRequests.first?.header("authorization"))
        let basic = Data("alice:hunter2pw".utf8).base64EncodedString()
        #expect(sent == "Basic \(basic)", "credentials in the URL are still used for sending")
        let shown = try texts(try #require(reply.failure))
        #expect(!shown.contains(basic))
        #expect(!shown.contains("hunter2pw"))
    }

    @Test func aBodyCutHalfwayThroughTheKeyLosesThatHalfToo() {
        let redactor = Redactor(secrets: [Self.customKey])
        #expect(redactor.redactAllowingCut("rejected token plain-custom-k") == "rejected token [REDACTED]")
        #expect(redactor.redactAllowingCut("all fine") == "all fine")
        #expect(redactor.redactAllowingCut("short pla") == "short pla", "fewer than 4 characters stay")
    }

    @Test func secretLookingHeaders() {
        #expect(SecretHeaders.secrets(name: "Authorization", value: "Token abc123") == ["Token abc123", "abc123"])
        #expect(SecretHeaders.secrets(name: "X-Api-Key", value: "v") == ["v"])
        #expect(SecretHeaders.secrets(name: "X-Team", value: "prism").isEmpty)
        #expect(SecretHeaders.secrets(name: "X-Custom", value: "a1b2c3d4e5f6g7h8i9j0k1").count == 1, "a value shaped like a key")
        #expect(SecretHeaders.secrets(name: "X-Custom", value: "Bearer xyz") == ["Bearer xyz", "xyz"])
    }

    @Test("a redirect is never followed, so the key cannot travel with it", arguments: TransportKind.allCases)
    func redirectsAreNotFollowed(transport: TransportKind) async throws {
        let server = StubServer(), elsewhere = StubServer()
        try server.start()
        try elsewhere.start()
        defer {
            server.stop()
            elsewhere.stop()
        }
        server.enqueue(.httpError(status: 307, body: "", headers: [
            "Location": "http://127.0.0.1:\(elsewhere.port)/api/v1/chat/completions",
        ]))
        var reply = Reply()
        for await event in client(server, key: Self.key, transport: transport).streamChat(request("stub/fast")) {
            if case .finished(let r) = event { reply = r }
        }
        #expect(reply.failure?.status == 307)
        #expect(elsewhere.requests.isEmpty)
    }
}

@Suite("The catalog cache never stores URL credentials", .timeLimit(.minutes(1)))
struct CatalogCacheCredentialTests {
    @Test func aCredentialedBaseURLIsStoredWithoutItsPassword() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = CatalogCache(file: dir.appendingPathComponent("models.json"))
        let base = try #require(URL(string: "https://alice:hunter2pw@models.example/v1"))
        try cache.save(CatalogSnapshot(fetchedAt: Date(), baseURL: base.absoluteString, models: []))
        let stored = try String(contentsOf: cache.file, encoding: .utf8)
        #expect(!stored.contains("hunter2pw") && !stored.contains("alice"))
        #expect(cache.load(baseURL: base) != nil, "the same server still finds its catalog")
        #expect(cache.load(baseURL: try #require(URL(string: "https://models.example/v1"))) != nil)
    }
}
