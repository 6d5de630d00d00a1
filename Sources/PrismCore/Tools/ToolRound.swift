import Foundation

/// How the user answered the question "run this tool?".
public enum ToolApproval: String, Codable, Sendable, Hashable, CaseIterable {
    /// Run this one call.
    case once
    /// Run it, and every later call of this tool, without asking.
    case alwaysTool = "always_tool"
    /// Run it, and every later call of any tool of this server, without asking.
    case alwaysServer = "always_server"
    /// Approved beforehand (a remembered "always", or `prism ask --yes`).
    case preapproved
    /// Not run; the model is told so.
    case denied
}

/// One tool call of a round, what the user decided, and what came back.
public struct ToolStep: Codable, Sendable, Equatable, Hashable {
    /// The call as the model streamed it (its `id` goes back as `tool_call_id`).
    public var call: ToolCall
    /// The server and tool it resolved to; nil when the model named no tool Prism offers.
    public var server: String?
    public var tool: String?
    /// nil while waiting for the user.
    public var approval: ToolApproval?
    /// nil until the call ends; a denied call keeps none (its `approval` says so, and
    /// `resultText` is what the model is told).
    public var output: ToolOutput?
    /// Seconds the tool ran, when it ran.
    public var duration: Double?

    public init(call: ToolCall, server: String? = nil, tool: String? = nil, approval: ToolApproval? = nil,
                output: ToolOutput? = nil, duration: Double? = nil) {
        self.call = call
        self.server = server
        self.tool = tool
        self.approval = approval
        self.output = output
        self.duration = duration
    }

    /// The `tool` message content sent back for this call: the output, or why there is none.
    public var resultText: String {
        if let output { return output.text }
        if approval == .denied { return "The user denied this tool call." }
        return "The tool call did not finish."
    }
}

/// One model round of a reply that used tools: what the model said before calling,
/// the calls with their results, and the round's own usage (each round is a request).
///
/// A reply that used tools is still one assistant `Message`: its `toolRounds` hold every
/// round but the last, whose text, usage and timings are the message's own. Requests
/// expand it back into `assistant(tool_calls)` + `tool` messages (`ChatRequest.messages`).
public struct ToolRound: Codable, Sendable, Equatable, Hashable {
    public var content: String
    public var reasoning: String?
    public var steps: [ToolStep]
    public var usage: TokenUsage?
    public var modelServed: String?
    public var provider: String?
    public var generationID: String?

    public init(content: String = "", reasoning: String? = nil, steps: [ToolStep], usage: TokenUsage? = nil,
                modelServed: String? = nil, provider: String? = nil, generationID: String? = nil) {
        self.content = content
        self.reasoning = reasoning
        self.steps = steps
        self.usage = usage
        self.modelServed = modelServed
        self.provider = provider
        self.generationID = generationID
    }

    enum CodingKeys: String, CodingKey {
        case content, reasoning, steps, usage, modelServed = "model_served", provider, generationID = "generation_id"
    }
}
