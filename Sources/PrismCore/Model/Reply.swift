import Foundation

/// Everything one streamed completion produced, whether it finished or not.
///
/// Built up chunk by chunk by `ReplyAccumulator`; a failed or cancelled reply keeps
/// the text that arrived before the failure.
public struct Reply: Sendable, Equatable {
    public var content: String = ""
    public var reasoning: String = ""
    public var toolCalls: [ToolCall] = []
    /// The model that actually served the reply (may differ from the one requested).
    public var model: String?
    public var provider: String?
    public var generationID: String?
    public var finishReason: String?
    public var nativeFinishReason: String?
    public var usage: TokenUsage?
    public var timings: ReplyTimings = ReplyTimings()
    public var failure: ReplyFailure?
    /// Stream events that were skipped because they were not JSON, or JSON that is not a
    /// chunk. The reply may still be whole, but it may be missing text: front ends say so.
    public var skippedEvents: Int = 0
    /// Web sources the reply cites, in the order they arrived, each URL once.
    public var citations: [Citation] = []
    /// Annotations that were not readable citations (other types, no URL): skipped, counted.
    public var skippedAnnotations: Int = 0

    public init() {}

    public var succeeded: Bool { failure == nil }
}
