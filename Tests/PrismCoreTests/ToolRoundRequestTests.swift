import Foundation
import Testing
@testable import PrismCore

/// A reply that used tools is one saved message; requests expand its rounds into
/// `assistant(tool_calls)` + `tool` messages, and offered tools go out as `tools`.
@Suite struct ToolRoundRequestTests {
    func sessionWithToolReply() -> Session {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "a/one")
        s.append(Message(id: "u1", parentID: nil, role: .user, content: "time in Oslo?", createdAt: sessionTestDate(1)))
        var reply = Message(id: "a1", parentID: "u1", role: .assistant, content: "It is 10:00 in Oslo.", createdAt: sessionTestDate(2))
        reply.toolRounds = [ToolRound(content: "Let me check.", steps: [
            ToolStep(call: ToolCall(index: 0, id: "call_1", type: "function", name: "time__get_current_time",
                                    arguments: "{\"timezone\":\"Europe/Oslo\"}"),
                     server: "time", tool: "get_current_time", approval: .once, output: ToolOutput(text: "10:00")),
            ToolStep(call: ToolCall(index: 1, id: "call_2", name: "git__git_log", arguments: ""),
                     server: "git", tool: "git_log", approval: .denied),
        ])]
        s.append(reply)
        s.append(Message(id: "u2", parentID: "a1", role: .user, content: "thanks", createdAt: sessionTestDate(3)))
        return s
    }

    @Test func roundsExpandIntoAssistantAndToolMessages() {
        let messages = ChatRequest.messages(for: sessionWithToolReply(), upTo: "u2")
        #expect(messages.map(\.role) == [.user, .assistant, .tool, .tool, .assistant, .user])
        #expect(messages[1].toolCalls.map(\.id) == ["call_1", "call_2"])
        #expect(messages[2].toolCallID == "call_1" && messages[2].content == "10:00")
        #expect(messages[3].toolCallID == "call_2" && messages[3].content == "The user denied this tool call.")
        #expect(messages[4].content == "It is 10:00 in Oslo." && messages[4].toolCalls.isEmpty)
    }

    @Test func bodyCarriesToolCallsToolResultsAndTools() throws {
        var request = ChatRequest(model: "a/one", messages: ChatRequest.messages(for: sessionWithToolReply(), upTo: "u2"), maxTokens: 10)
        request.tools = [ToolSpec(server: "time", name: "get_current_time", description: "Now in a zone",
                                  inputSchema: .object(["type": .string("object"),
                                                        "properties": .object(["timezone": .object(["type": .string("string")])])]))]
        let body = try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
        let messages = try #require(body["messages"] as? [[String: Any]])
        let calls = try #require(messages[1]["tool_calls"] as? [[String: Any]])
        #expect(calls.count == 2)
        let function = calls[1]["function"] as? [String: Any]
        #expect(function?["name"] as? String == "git__git_log" && function?["arguments"] as? String == "{}")
        #expect(messages[2]["role"] as? String == "tool" && messages[2]["tool_call_id"] as? String == "call_1")
        let tools = try #require(body["tools"] as? [[String: Any]])
        let offered = tools[0]["function"] as? [String: Any]
        #expect(tools[0]["type"] as? String == "function")
        #expect(offered?["name"] as? String == "time__get_current_time")
        #expect(((offered?["parameters"] as? [String: Any])?["properties"] as? [String: Any])?["timezone"] != nil)
    }

    @Test func noToolsNoToolsField() throws {
        let request = ChatRequest(model: "a/one", messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 10)
        let body = try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
        #expect(body["tools"] == nil)
    }

    @Test func toolRoundsRoundTripThroughTheSessionCodec() throws {
        let reply = sessionWithToolReply().messages.first { $0.id == "a1" }!
        let data = try JSONEncoder().encode(reply)
        #expect(String(decoding: data, as: UTF8.self).contains("\"tool_rounds\""))
        #expect(try JSONDecoder().decode(Message.self, from: data).toolRounds == reply.toolRounds)
        var plain = reply
        plain.toolRounds = nil
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("tool_rounds"))
    }

    @Test func wireNamesKeepToTheAllowedCharactersAnd64() {
        #expect(ToolSpec.wireName(server: "my git", tool: "log.show") == "my_git__log_show")
        #expect(ToolSpec.wireName(server: String(repeating: "s", count: 40), tool: String(repeating: "t", count: 40)).count == 64)
    }
}

/// What a session remembers about tools, and how calls resolve to the tools offered.
@Suite struct ToolPolicyTests {
    let time = ToolSpec(server: "time", name: "get_current_time")
    let log = ToolSpec(server: "git", name: "git_log")

    @Test func alwaysAnswersAreRememberedOnceAndScoped() {
        var tools = SessionTools()
        tools.remember(.once, server: "time", tool: "get_current_time")
        #expect(!tools.isPreapproved(server: "time", tool: "get_current_time"))
        tools.remember(.alwaysTool, server: "time", tool: "get_current_time")
        tools.remember(.alwaysTool, server: "time", tool: "get_current_time")
        #expect(tools.alwaysTools == ["time/get_current_time"])
        #expect(tools.isPreapproved(server: "time", tool: "get_current_time"))
        #expect(!tools.isPreapproved(server: "time", tool: "convert_time"))
        tools.remember(.alwaysServer, server: "git", tool: "git_log")
        #expect(tools.isPreapproved(server: "git", tool: "git_diff"))
    }

    @Test func offeredToolsFollowServersAndDisabledTools() {
        #expect(SessionTools().offered([time, log], configEnabled: ["time"]) == [time])
        let chosen = SessionTools(enabledServers: ["time", "git"], disabledTools: ["git/git_log"])
        #expect(chosen.offered([time, log], configEnabled: []) == [time])
    }

    @Test func callsResolveByWireNameAndUnknownOnesSaySo() {
        #expect(ToolResolution.resolve(ToolCall(index: 0, name: "time__get_current_time"), offered: [time, log]) == .tool(time))
        guard case .unknown(let text) = ToolResolution.resolve(ToolCall(index: 0, name: "rm_rf"), offered: [time]) else {
            Issue.record("an unknown tool must not resolve"); return
        }
        #expect(text.contains("rm_rf") && text.contains("time__get_current_time"))
    }

    @Test func sessionToolsRoundTripAndStayAbsentWhenEmpty() throws {
        var s = Session(id: "s", createdAt: sessionTestDate())
        #expect(!String(decoding: try JSONEncoder().encode(s), as: UTF8.self).contains("\"tools\""))
        s.tools = SessionTools(enabledServers: ["time"], alwaysServers: ["time"])
        let back = try JSONDecoder().decode(Session.self, from: try JSONEncoder().encode(s))
        #expect(back.tools == s.tools)
    }
}
