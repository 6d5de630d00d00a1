import Foundation

/// What happens during one chat completion, in order, as the UI and CLI see it.
///
/// A stream of these always ends with exactly one `finished`, which carries the
/// whole reply: on failure or cancellation, with the text that arrived before it.
public enum CompletionEvent: Sendable, Equatable {
    /// A request went out (attempt 1, or a retry).
    case requestSent(attempt: Int)
    /// An attempt failed before the first token and will be retried after `delay` seconds.
    case retrying(attempt: Int, delay: Double, reason: ReplyFailure)
    /// A keep-alive comment arrived (the model is still thinking).
    case keepAlive
    /// The serving model, provider or generation id became known.
    case metadata(model: String?, provider: String?, generationID: String?)
    case contentDelta(String)
    case reasoningDelta(String)
    /// A tool call changed; carries its state so far.
    case toolCall(ToolCall)
    case usage(TokenUsage)
    /// New web sources arrived (`annotations`); carries every source so far, each once.
    case citations([Citation])
    case finished(Reply)
}
