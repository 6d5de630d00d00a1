import Foundation
import Testing
@testable import PrismCore

@Suite("Request bodies, error bodies and retry policy")
struct RequestAndErrorTests {
    private func object(_ request: ChatRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
    }

    @Test func minimalBodyAlwaysHasMaxTokensAndUsageOption() throws {
        let body = try object(ChatRequest(model: "a/b", messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 100))
        #expect(body["max_tokens"] as? Int == 100)
        #expect(body["stream"] as? Bool == true)
        #expect((body["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
        #expect(body["temperature"] == nil && body["provider"] == nil && body["reasoning"] == nil && body["models"] == nil)
        #expect((body["messages"] as? [[String: Any]])?.first?["content"] as? String == "hi")
    }

    @Test func everySettingIsSentWhenSet() throws {
        let settings = RequestSettings(
            temperature: 0.5, topP: 0.9, seed: 7, stop: ["END"], fallbackModels: ["c/d"],
            provider: ProviderPreferences(order: ["anthropic"], allowFallbacks: false, dataCollection: "deny", zdr: true,
                                          only: ["x"], ignore: ["y"], sort: "price", maxPrice: MaxPrice(prompt: 1, completion: 2)),
            reasoning: ReasoningSettings(effort: "high", exclude: true))
        let body = try object(ChatRequest(model: "a/b", messages: [], settings: settings, maxTokens: 10))
        #expect(body["temperature"] as? Double == 0.5)
        #expect(body["top_p"] as? Double == 0.9)
        #expect(body["seed"] as? Int == 7)
        #expect(body["stop"] as? [String] == ["END"])
        #expect(body["models"] as? [String] == ["a/b", "c/d"])
        let provider = try #require(body["provider"] as? [String: Any])
        #expect(provider["order"] as? [String] == ["anthropic"])
        #expect(provider["allow_fallbacks"] as? Bool == false)
        #expect(provider["data_collection"] as? String == "deny")
        #expect(provider["zdr"] as? Bool == true)
        #expect(provider["only"] as? [String] == ["x"] && provider["ignore"] as? [String] == ["y"])
        #expect(provider["sort"] as? String == "price")
        #expect((provider["max_price"] as? [String: Any])?["completion"] as? Int == 2)
        let reasoning = try #require(body["reasoning"] as? [String: Any])
        #expect(reasoning["effort"] as? String == "high" && reasoning["exclude"] as? Bool == true)
    }

    @Test func reasoningBudgetWinsOverEffort() throws {
        let settings = RequestSettings(reasoning: ReasoningSettings(effort: "low", maxTokens: 2048))
        let body = try object(ChatRequest(model: "m", messages: [], settings: settings, maxTokens: 4096))
        let reasoning = try #require(body["reasoning"] as? [String: Any])
        #expect(reasoning["max_tokens"] as? Int == 2048 && reasoning["effort"] == nil)
    }

    @Test func attachmentsBecomeContentParts() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("att-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("pic.png")
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: png)
        let pdf = dir.appendingPathComponent("doc.pdf")
        try Data("%PDF".utf8).write(to: pdf)
        let message = ChatMessage(role: .user, content: "what is this?",
                                  attachments: [Attachment.guess(path: png.path), Attachment.guess(path: pdf.path)])
        let body = try object(ChatRequest(model: "m", messages: [message], maxTokens: 5))
        let parts = try #require((body["messages"] as? [[String: Any]])?.first?["content"] as? [[String: Any]])
        #expect(parts.count == 3)
        #expect(parts[0]["text"] as? String == "what is this?")
        #expect((parts[1]["image_url"] as? [String: Any])?["url"] as? String == "data:image/png;base64,iVBORw==")
        let file = try #require(parts[2]["file"] as? [String: Any])
        #expect(file["filename"] as? String == "doc.pdf")
        #expect((file["file_data"] as? String)?.hasPrefix("data:application/pdf;base64,") == true)
        let missing = ChatMessage(role: .user, content: "x", attachments: [Attachment.guess(path: "/nonexistent/a.png")])
        #expect(throws: RequestBuildError.self) { try ChatRequest(model: "m", messages: [missing], maxTokens: 5).body() }
    }

    @Test func sessionBranchBecomesMessagesWithSystemPromptAndNoEmptyReplies() {
        var session = Session(id: "s", createdAt: Date(), systemPrompt: "Be terse.")
        let t = Date()
        session.append(Message(id: "u1", parentID: nil, role: .user, content: "q1", createdAt: t))
        session.append(Message(id: "a1", parentID: "u1", role: .assistant, content: "", createdAt: t))
        session.append(Message(id: "a2", parentID: "u1", role: .assistant, content: "answer", createdAt: t))
        session.append(Message(id: "u2", parentID: "a2", role: .user, content: "q2", createdAt: t))
        let messages = ChatRequest.messages(for: session)
        #expect(messages.map(\.role) == [.system, .user, .assistant, .user])
        #expect(messages.map(\.content) == ["Be terse.", "q1", "answer", "q2"])
        #expect(session.siblings(of: "a2").map(\.id) == ["a1", "a2"])
        #expect(session.title == "q1")
    }

    @Test func upstreamMessageIsDugOutOfNestedRaw() throws {
        let body = #"{"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Google AI Studio","raw":"{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\"}}"}},"user_id":"u"}"#
        let error = try #require(try JSONDecoder().decode(APIErrorBody.self, from: Data(body.utf8)).error)
        #expect(error.code == .int(502))
        #expect(error.providerName == "Google AI Studio")
        #expect(error.upstreamMessage == "The model is overloaded.")
        let ollama = try JSONDecoder().decode(APIErrorBody.self, from: Data(#"{"error":"model 'x' not found"}"#.utf8))
        #expect(ollama.error?.message == "model 'x' not found")
        let stringCode = try JSONDecoder().decode(APIErrorBody.self, from: Data(#"{"error":{"code":"server_error","message":"m"}}"#.utf8))
        #expect(stringCode.error?.code == .string("server_error"))
    }

    @Test func retryPolicy() {
        let policy = RetryPolicy(maxRetries: 3, baseDelay: 1, maxDelay: 20, jitter: { 1 })
        for status in [408, 429, 502, 503, 504, 524, 529] {
            #expect(policy.isRetryable(ReplyFailure(kind: .http, status: status, message: "")))
        }
        for status in [400, 401, 402, 403, 404, 500] {
            #expect(!policy.isRetryable(ReplyFailure(kind: .http, status: status, message: "")))
        }
        #expect(policy.isRetryable(ReplyFailure(kind: .network, message: "")))
        #expect(!policy.isRetryable(.cancelled))
        let overloaded = ReplyFailure(kind: .http, status: 503, message: "")
        #expect([1, 2, 3, 4].map { policy.delay(beforeRetry: $0, failure: overloaded) } == [1, 2, 4, nil])
        var limited = ReplyFailure(kind: .http, status: 429, message: "")
        limited.retryAfter = 5
        #expect(policy.delay(beforeRetry: 1, failure: limited) == 5)
        limited.retryAfter = 3600
        #expect(policy.delay(beforeRetry: 1, failure: limited) == nil, "an hour's wait is reported, not waited for")
        let jittered = RetryPolicy(jitter: { 0.5 })
        #expect(jittered.delay(beforeRetry: 2, failure: overloaded) == 1)
    }

    @Test func retryAfterHeaderForms() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.parseRetryAfter("12", now: now) == 12)
        #expect(RetryPolicy.parseRetryAfter("Tue, 14 Nov 2023 22:13:40 GMT", now: now) == 20)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.parseRetryAfter(nil, now: now) == nil)
    }
}
