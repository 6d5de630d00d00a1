import Foundation

/// The simulated models of `--demo`: their catalog entries and how they behave.
///
/// Every name says "simulated" so a demo reply can never be mistaken for a real one.
public struct DemoModel: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var promptPrice: String
    public var completionPrice: String
    public var contextLength: Int
    public var maxCompletionTokens: Int
    public var reasoning: Bool
    /// Seconds to the first token, during which keep-alive comments are sent.
    public var firstTokenDelay: Double
    /// Seconds between streamed chunks.
    public var chunkDelay: Double
    /// Fails mid-stream after this many content chunks (to show what errors look like).
    public var failAfterChunks: Int?

    public static let provider = "Prism Demo (simulated)"

    public static let all: [DemoModel] = [
        DemoModel(id: "demo/aurora-mini", name: "Demo: Aurora Mini (simulated)",
                  description: "A quick, cheap simulated model.", promptPrice: "0.00000015", completionPrice: "0.0000006",
                  contextLength: 128_000, maxCompletionTokens: 16_384, reasoning: false,
                  firstTokenDelay: 0.35, chunkDelay: 0.018, failAfterChunks: nil),
        DemoModel(id: "demo/sage-reasoner", name: "Demo: Sage Reasoner (simulated)",
                  description: "A simulated reasoning model: thinks first, then answers.", promptPrice: "0.000003",
                  completionPrice: "0.000015", contextLength: 200_000, maxCompletionTokens: 64_000, reasoning: true,
                  firstTokenDelay: 1.2, chunkDelay: 0.03, failAfterChunks: nil),
        DemoModel(id: "demo/prism-coder", name: "Demo: Prism Coder (simulated)",
                  description: "A simulated coding model that likes code blocks.", promptPrice: "0.0000008",
                  completionPrice: "0.000004", contextLength: 256_000, maxCompletionTokens: 32_768, reasoning: false,
                  firstTokenDelay: 0.5, chunkDelay: 0.012, failAfterChunks: nil),
        DemoModel(id: "demo/unreliable", name: "Demo: Unreliable (simulated, fails mid-reply)",
                  description: "Fails part-way through every reply, to show how errors look.", promptPrice: "0.000001",
                  completionPrice: "0.000002", contextLength: 32_000, maxCompletionTokens: 4_096, reasoning: false,
                  firstTokenDelay: 0.4, chunkDelay: 0.03, failAfterChunks: 12),
        DemoModel(id: "demo/instant", name: "Demo: Instant (simulated, no delays)",
                  description: "Streams with no delay at all; used for benchmarks.", promptPrice: "0.0000001",
                  completionPrice: "0.0000002", contextLength: 64_000, maxCompletionTokens: 8_192, reasoning: false,
                  firstTokenDelay: 0, chunkDelay: 0, failAfterChunks: nil),
    ]

    public static let defaultID = "demo/aurora-mini"

    public static func named(_ id: String) -> DemoModel? {
        all.first { $0.id == id }
    }

    /// The catalog entry in OpenRouter's `/models` shape.
    var catalogEntry: [String: Any] {
        [
            "id": id, "canonical_slug": id, "name": name, "created": 1_763_000_000, "description": description,
            "context_length": contextLength,
            "architecture": ["modality": "text->text", "input_modalities": ["text"], "output_modalities": ["text"],
                             "tokenizer": "Other", "instruct_type": NSNull()],
            "pricing": ["prompt": promptPrice, "completion": completionPrice, "request": "0", "image": "0"],
            "top_provider": ["context_length": contextLength, "max_completion_tokens": maxCompletionTokens, "is_moderated": false],
            "per_request_limits": NSNull(),
            "supported_parameters": reasoning
                ? ["max_tokens", "temperature", "reasoning", "include_reasoning"] : ["max_tokens", "temperature", "top_p", "stop"],
        ]
    }
}
