import Foundation

/// `stub/agent`: a model that uses the tools a request offers, driven by the prompt, so
/// tests and manual trials can run whole tool loops against the stub.
///
/// - The user's last message asks for calls with `use NAME {json}` (several may appear;
///   NAME is matched against the offered tools' names, whole or after `__`, and any other
///   NAME is called as written: an unknown tool). The calls stream as split fragments,
///   several at once when several are asked for.
/// - When the request ends with `tool` results, the agent answers in text quoting each
///   result (`Tool results:` then one `- name: text` line each), unless the prompt says
///   `again`: then it asks for the same calls once more (a loop the round cap must end).
/// - Without `use`, it answers that no tool was asked for and lists the tools offered.
/// - With `nocost` in the prompt, no round's stream carries a cost; each round's
///   `/generation` record does (a tool round $0.00002, the answer $0.00003).
extension StubModels {
    public static let agent = "stub/agent"

    static let agentModel = model(agent, "Agent", "Calls the tools you name with `use NAME {json}`, then answers from their results.") { _ in
        .stream(StubReply(content: words("Ask me to `use` a tool.")))
    }

    /// The agent's reply to `request`.
    public static func agentReply(_ request: RecordedRequest) -> StubBehavior {
        let round = agentRound(request)
        guard case .stream(var reply) = round else { return round }
        reply.costInStream = !(request.lastUserText ?? "").contains("nocost")
        return .stream(reply)
    }

    private static func agentRound(_ request: RecordedRequest) -> StubBehavior {
        let messages = request["messages"] as? [[String: Any]] ?? []
        let offered = ((request["tools"] as? [[String: Any]]) ?? []).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        let text = request.lastUserText ?? ""
        let results = trailingToolResults(messages)
        let wanted = requestedCalls(in: text, offered: offered)
        if !results.isEmpty, !text.contains("again") || wanted.isEmpty {
            let lines = results.map { "- \($0.name): \($0.content.prefix(300))" }
            return .stream(StubReply(content: words("Tool results:\n\n" + lines.joined(separator: "\n") + "\n"), cost: "0.00003"))
        }
        guard !wanted.isEmpty else {
            let list = offered.isEmpty ? "none" : offered.joined(separator: ", ")
            return .stream(StubReply(content: words("No tool was asked for. Tools offered: \(list)."), cost: "0.00001"))
        }
        let round = messages.filter { ($0["role"] as? String) == "tool" }.count
        let calls = wanted.enumerated().map { index, call in
            StubToolCall(id: "call_agent_\(round)_\(index)", name: call.name, argumentFragments: fragments(call.arguments))
        }
        return .stream(StubReply(content: words("Let me check."), toolCalls: calls, cost: "0.00002"))
    }

    /// `use NAME {json}` directives in order; NAME resolved against the offered tool names.
    static func requestedCalls(in text: String, offered: [String]) -> [(name: String, arguments: String)] {
        var out: [(String, String)] = []
        var rest = Substring(text)
        while let use = rest.range(of: "use ") {
            rest = rest[use.upperBound...]
            let name = rest.prefix { !$0.isWhitespace && $0 != "{" }
            guard !name.isEmpty else { continue }
            rest = rest[name.endIndex...]
            var arguments = "{}"
            let afterSpaces = rest.drop { $0 == " " }
            if afterSpaces.first == "{", let end = matchingBrace(afterSpaces) {
                arguments = String(afterSpaces[...end])
                rest = afterSpaces[afterSpaces.index(after: end)...]
            }
            let resolved = offered.first { $0 == name } ?? offered.first { $0.hasSuffix("__" + name) } ?? String(name)
            out.append((resolved, arguments))
        }
        return out
    }

    /// The `tool` messages at the end of the conversation, named by the call they answer.
    static func trailingToolResults(_ messages: [[String: Any]]) -> [(name: String, content: String)] {
        var names: [String: String] = [:]
        for message in messages {
            for call in message["tool_calls"] as? [[String: Any]] ?? [] {
                if let id = call["id"] as? String, let name = (call["function"] as? [String: Any])?["name"] as? String { names[id] = name }
            }
        }
        var out: [(String, String)] = []
        for message in messages.reversed() {
            guard (message["role"] as? String) == "tool" else { break }
            let id = message["tool_call_id"] as? String ?? ""
            out.insert((names[id] ?? id, message["content"] as? String ?? ""), at: 0)
        }
        return out
    }

    private static func matchingBrace(_ text: Substring) -> Substring.Index? {
        var depth = 0
        var inString = false
        var escaped = false
        for index in text.indices {
            let c = text[index]
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" { inString = true } else if c == "{" { depth += 1 } else if c == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// Arguments cut into pieces of at most 8 characters, as providers stream them.
    private static func fragments(_ arguments: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for c in arguments {
            current.append(c)
            if current.count == 8 { pieces.append(current); current = "" }
        }
        if !current.isEmpty || pieces.isEmpty { pieces.append(current) }
        return pieces
    }
}
