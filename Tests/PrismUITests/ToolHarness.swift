import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// A chat with two running tool servers (`time`: now, zone; `files`: read) and helpers to
/// finish a request with tool calls, as `stub/agent` streams them.
class ToolHarness: ReducerHarness, @unchecked Sendable {
    init(size: Size = Size(width: 120, height: 40), servers: [ToolServerInfo] = FakeToolHost.standard) {
        super.init(model: "a/one", size: size)
        state.tools.servers = servers
    }

    /// Sends a prompt; returns the request id and the request the lane started with.
    func ask(_ text: String) -> (id: Int, request: ChatRequest)? {
        Self.started(command(text))
    }

    static func started(_ effects: [Effect]) -> (id: Int, request: ChatRequest)? {
        for effect in effects.reversed() { if case .startStream(let id, let request, _) = effect { return (id, request) } }
        return nil
    }

    static func runs(_ effects: [Effect]) -> [ToolRun] {
        effects.compactMap { if case .runTool(let run) = $0 { run } else { nil } }
    }

    /// Ends request `id` with these calls (`name`, JSON arguments), text and a cost.
    @discardableResult
    func finishWithCalls(_ id: Int, _ calls: [(String, String)], text: String = "", cost: String = "0.001") -> [Effect] {
        var reply = Reply()
        reply.content = text
        reply.finishReason = "tool_calls"
        reply.toolCalls = calls.enumerated().map { ToolCall(index: $0.offset, id: "call_\(id)_\($0.offset)", type: "function", name: $0.element.0, arguments: $0.element.1) }
        reply.usage = TokenUsage(promptTokens: 10, completionTokens: 5, cost: Decimal(string: cost))
        return send(.completion(requestID: id, event: .finished(reply)))
    }

    /// The reply being answered (the newest assistant message).
    var reply: Message? { state.session.messages.last { $0.role == .assistant } }
    var steps: [ToolStep] { reply?.toolRounds?.last?.steps ?? [] }
}
