import Foundation
import PrismStub
import Testing

/// `stub/agent` calls the tools the prompt names and answers from their results.
@Suite struct StubAgentTests {
    func request(_ messages: [[String: Any]], tools: [String] = ["time__get_current_time", "git__git_log"]) throws -> RecordedRequest {
        let body: [String: Any] = [
            "model": "stub/agent", "messages": messages,
            "tools": tools.map { ["type": "function", "function": ["name": $0, "parameters": ["type": "object"]]] },
        ]
        return RecordedRequest(method: "POST", path: "/api/v1/chat/completions", query: nil, headers: [:],
                               body: try JSONSerialization.data(withJSONObject: body), receivedAt: Date())
    }

    func reply(_ request: RecordedRequest) throws -> StubReply {
        let routed = try #require(StubModels.routed(request))
        guard case .stream(let reply) = routed.behavior else { throw StubAgentFailure() }
        return reply
    }

    @Test func callsTheNamedToolsWithSplitArguments() throws {
        let r = try reply(try request([["role": "user", "content": "use get_current_time {\"timezone\": \"Europe/Oslo\"} and use nope"]]))
        #expect(r.toolCalls.map(\.name) == ["time__get_current_time", "nope"])
        #expect(r.toolCalls[0].argumentFragments.joined() == "{\"timezone\": \"Europe/Oslo\"}")
        #expect(r.toolCalls[0].argumentFragments.count > 1)
        #expect(r.toolCalls[1].argumentFragments.joined() == "{}")
        #expect(Set(r.toolCalls.map(\.id)).count == 2)
    }

    @Test func answersFromTrailingToolResults() throws {
        let r = try reply(try request([
            ["role": "user", "content": "use get_current_time {}"],
            ["role": "assistant", "content": "", "tool_calls": [["id": "c1", "type": "function",
                                                                  "function": ["name": "time__get_current_time", "arguments": "{}"]]]],
            ["role": "tool", "tool_call_id": "c1", "content": "10:00 CET"],
        ]))
        #expect(r.toolCalls.isEmpty)
        #expect(r.content.joined().contains("- time__get_current_time: 10:00 CET"))
    }

    @Test func againAsksOnceMoreAndNoUseListsTheTools() throws {
        let looping = try reply(try request([
            ["role": "user", "content": "use git_log again"],
            ["role": "assistant", "content": "", "tool_calls": [["id": "c1", "type": "function", "function": ["name": "git__git_log", "arguments": "{}"]]]],
            ["role": "tool", "tool_call_id": "c1", "content": "abc"],
        ]))
        #expect(looping.toolCalls.map(\.name) == ["git__git_log"])
        let plain = try reply(try request([["role": "user", "content": "hello"]]))
        #expect(plain.content.joined().contains("Tools offered: time__get_current_time, git__git_log"))
    }
}

struct StubAgentFailure: Error {}
