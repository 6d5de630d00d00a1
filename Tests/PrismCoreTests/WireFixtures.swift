import Foundation
@testable import PrismCore

/// One recorded (or carefully written) wire case and what Prism must make of it.
struct WireFixture: Sendable, CustomStringConvertible {
    var name: String
    var bytes: [UInt8]
    var content: String
    var reasoning: String = ""
    var finishReason: String?
    var failure: ReplyFailure.Kind?
    var failureCode: String?
    var cost: Decimal?
    var provider: String? = "OpenAI"
    var toolCalls: [ToolCall] = []

    var description: String { name }
}

private func chunk(_ delta: String, finish: String = "null") -> String {
    #"{"id":"gen-1","provider":"OpenAI","model":"openai/gpt-5","object":"chat.completion.chunk","created":1712345678,"choices":[{"index":0,"delta":\#(delta),"finish_reason":\#(finish),"native_finish_reason":\#(finish)}]}"#
}

private let usage = #"{"id":"gen-1","provider":"OpenAI","model":"openai/gpt-5","object":"chat.completion.chunk","created":1712345678,"choices":[],"usage":{"prompt_tokens":13,"completion_tokens":16,"total_tokens":29,"cost":0.000093,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":4}}}"#

/// Joins events with a line ending, each event ending with a blank line.
private func wire(_ lines: [String], eol: String = "\n") -> [UInt8] {
    Array(lines.map { $0 + eol + eol }.joined().utf8)
}

private let basicLines = [
    ": OPENROUTER PROCESSING",
    "data: " + chunk(#"{"role":"assistant","content":""}"#),
    "data: " + chunk(#"{"content":"Hello"}"#),
    "data: " + chunk(#"{"content":", wörld 👋🏽 你好"}"#),
    "data: " + chunk(#"{"content":""}"#, finish: #""stop""#),
    "data: " + usage,
    "data: [DONE]",
]

enum WireFixtures {
    static let all: [WireFixture] = [
        WireFixture(name: "basic LF", bytes: wire(basicLines), content: "Hello, wörld 👋🏽 你好", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "CRLF", bytes: wire(basicLines, eol: "\r\n"), content: "Hello, wörld 👋🏽 你好", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "lone CR", bytes: wire(basicLines, eol: "\r"), content: "Hello, wörld 👋🏽 你好", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "leading BOM", bytes: [0xEF, 0xBB, 0xBF] + wire(basicLines), content: "Hello, wörld 👋🏽 你好", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "data without space", bytes: wire(basicLines.map { $0.replacingOccurrences(of: "data: ", with: "data:") }),
                    content: "Hello, wörld 👋🏽 你好", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "multi-line data", bytes: Array((
            "data: {\"id\":\"gen-1\",\"provider\":\"OpenAI\",\n"
            + "data: \"choices\":[{\"index\":0,\"delta\":{\"content\":\"joined\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n").utf8), content: "joined", finishReason: "stop"),
        WireFixture(name: "event id retry lines", bytes: Array((
            "retry: 3000\nid: 7\nevent: message\n" + "data: " + chunk(#"{"content":"ok"}"#, finish: #""stop""#) + "\n\n"
            + "event: ping\nfoo: bar\n\n" + "data: [DONE]\n\n").utf8), content: "ok", finishReason: "stop"),
        WireFixture(name: "raw U+2028 U+2029 in strings", bytes: wire([
            "data: " + chunk("{\"content\":\"line\u{2028}sep\u{2029}para\"}"),
            "data: " + chunk(#"{"content":"\u2028escaped"}"#, finish: #""stop""#), "data: [DONE]",
        ]), content: "line\u{2028}sep\u{2029}para\u{2028}escaped", finishReason: "stop"),
        WireFixture(name: "reasoning in both fields is read once", bytes: wire([
            "data: " + chunk(#"{"reasoning":"Hmm, ","reasoning_details":[{"type":"reasoning.text","text":"Hmm, ","index":0}]}"#),
            "data: " + chunk(#"{"reasoning":"let me think","reasoning_details":[{"type":"reasoning.text","text":"let me think","index":0}]}"#),
            "data: " + chunk(#"{"reasoning":"only legacy field"}"#),
            "data: " + chunk(#"{"content":"Answer"}"#, finish: #""stop""#), "data: " + usage, "data: [DONE]",
        ]), content: "Answer", reasoning: "Hmm, let me thinkonly legacy field", finishReason: "stop", cost: Decimal(string: "0.000093")),
        WireFixture(name: "tool call fragments by index", bytes: wire([
            "data: " + chunk(#"{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}"#),
            "data: " + chunk(#"{"tool_calls":[{"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}"#),
            "data: " + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}"#),
            "data: " + chunk(#"{"tool_calls":[{"index":0,"function":{"arguments":"\"Oslo\"}"}}]}"#),
            "data: " + chunk(#"{"content":""}"#, finish: #""tool_calls""#), "data: [DONE]",
        ]), content: "", finishReason: "tool_calls", toolCalls: [
            ToolCall(index: 0, id: "call_1", type: "function", name: "get_weather", arguments: #"{"city":"Oslo"}"#),
            ToolCall(index: 1, id: "call_2", type: "function", name: "get_time", arguments: "{}"),
        ]),
        WireFixture(name: "mid-stream error with numeric code", bytes: wire([
            "data: " + chunk(#"{"content":"partial "}"#),
            #"data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"openai/gpt-4o","provider":"OpenAI","error":{"code":429,"message":"Rate limit exceeded","metadata":{"error_type":"rate_limit_exceeded"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"#,
        ]), content: "partial ", finishReason: "error", failure: .stream, failureCode: "429"),
        WireFixture(name: "mid-stream error with string code", bytes: wire([
            "data: " + chunk(#"{"content":"partial"}"#),
            #"data: {"id":"gen-1","provider":"OpenAI","error":{"code":"server_error","message":"Upstream died"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}"#,
        ]), content: "partial", finishReason: "error", failure: .stream, failureCode: "server_error"),
        WireFixture(name: "finish_reason error without error object", bytes: wire([
            "data: " + chunk(#"{"content":"so far"}"#), "data: " + chunk(#"{"content":""}"#, finish: #""error""#), "data: [DONE]",
        ]), content: "so far", finishReason: "error", failure: .stream, failureCode: "error"),
        WireFixture(name: "ends without finish reason or DONE", bytes: wire([
            ": OPENROUTER PROCESSING", "data: " + chunk(#"{"content":"cut "}"#), "data: " + chunk(#"{"content":"off"}"#),
        ]), content: "cut off", failure: .truncated),
        WireFixture(name: "last event not closed by a blank line is dropped", bytes: Array((
            "data: " + chunk(#"{"content":"kept"}"#) + "\n\n" + "data: " + chunk(#"{"content":" dropped"}"#, finish: #""stop""#) + "\n").utf8),
            content: "kept", failure: .truncated),
        WireFixture(name: "unreadable data event skipped", bytes: wire([
            "data: {not json", "data: " + chunk(#"{"content":"fine"}"#, finish: #""stop""#), "data: [DONE]",
        ]), content: "fine", finishReason: "stop"),
        WireFixture(name: "odd and unknown fields", bytes: wire([
            #"data: {"id":"gen-9","provider":"Mystery","model":"x/y","choices":[{"index":0,"delta":{"content":"ok","refusal":null,"audio":{"x":[1,2,{"y":"}"}]},"annotations":[]},"logprobs":{"content":[]},"finish_reason":null}],"system_fingerprint":"fp","openrouter_metadata":{"a":[true,false,null,1.5e3]}}"#,
            #"data: {"choices":[{"index":0,"delta":{"content":7},"finish_reason":"stop","native_finish_reason":"end_turn"}],"usage":{"prompt_tokens":"x","completion_tokens":2,"cost":"0.5"}}"#,
            "data: [DONE]",
        ]), content: "ok", finishReason: "stop", cost: Decimal(string: "0.5"), provider: "Mystery"),
    ]
}
