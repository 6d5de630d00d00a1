import Foundation
import PrismStub
import Testing

/// The stub routes as OpenRouter does, enough for tests to see routing reach the server.
@Suite struct StubRoutingTests {
    func request(_ body: [String: Any]) throws -> RecordedRequest {
        var body = body
        body["messages"] = [["role": "user", "content": "hi"]]
        return RecordedRequest(method: "POST", path: "/api/v1/chat/completions", query: nil, headers: [:],
                               body: try JSONSerialization.data(withJSONObject: body), receivedAt: Date())
    }

    @Test func aFailingModelHandsOverToTheNextOfTheChain() throws {
        let routed = try #require(StubModels.routed(try request(["model": "stub/http-502", "models": ["stub/http-502", "stub/rate-limited", "stub/fast"]])))
        #expect(routed.model == "stub/fast")
        guard case .stream = routed.behavior else { Issue.record("not a reply: \(routed.behavior)"); return }
    }

    @Test func whenEveryModelFailsTheLastFailureAnswers() throws {
        let routed = try #require(StubModels.routed(try request(["model": "stub/http-502", "models": ["stub/http-502", "stub/rate-limited"]])))
        #expect(routed.model == "stub/rate-limited")
        guard case .httpError(let status, let body, _) = routed.behavior else { Issue.record("not an error: \(routed.behavior)"); return }
        #expect(status == 429)
        let error = (try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["error"] as? [String: Any]
        let previous = (error?["metadata"] as? [String: Any])?["previous_errors"] as? [[String: Any]]
        #expect(previous?.count == 1 && previous?.first?["model"] as? String == "stub/http-502" && previous?.first?["status"] as? Int == 502)
        #expect(error?["message"] as? String == "Rate limit exceeded: free-models-per-min.", "the last failure's own message")
        let alone = try #require(StubModels.routed(try request(["model": "stub/http-502"])))
        guard case .httpError(502, _, _) = alone.behavior else { Issue.record("no chain: the model's own failure"); return }
    }

    @Test func thePinnedFirstProviderServes() throws {
        let routed = try #require(StubModels.routed(try request(["model": "stub/fast", "provider": ["order": ["deepinfra", "together"]]])))
        guard case .stream(let reply) = routed.behavior else { Issue.record("not a reply"); return }
        #expect(reply.provider == "deepinfra")
        let plain = try #require(StubModels.routed(try request(["model": "stub/fast"])))
        guard case .stream(let unpinned) = plain.behavior else { Issue.record("not a reply"); return }
        #expect(unpinned.provider == "Stub")
        #expect(StubModels.routed(try request(["model": "nope/x"]))?.model == nil)
    }
}
