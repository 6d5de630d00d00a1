import Foundation

/// A realistic OpenRouter chat completion stream, built in memory.
///
/// Shaped like what OpenRouter sends for a reasoning model: keep-alive comments,
/// a role chunk, reasoning chunks carrying the text in both `reasoning` and
/// `reasoning_details`, content chunks of one to a few tokens (markdown, code,
/// escapes, some non-ASCII), a finish chunk, a usage chunk with `choices: []`,
/// and `[DONE]`. Deterministic: the same arguments always give the same bytes.
struct StreamFixture {
    /// The whole SSE byte stream.
    let wire: [UInt8]
    /// The `data:` payloads in order (what `SSEDecoder` yields), including `[DONE]`.
    let payloads: [String]
    /// Delta chunks (reasoning + content) in the stream.
    let deltaChunks: Int
    /// The reply text and reasoning the stream spells out, to check decoding.
    let expectedContent: String
    let expectedReasoning: String

    var payloadBytes: Int { payloads.reduce(0) { $0 + $1.utf8.count } }

    init(deltaChunks: Int = 20_000, reasoningChunks: Int = 2_000, keepAlives: Int = 8) {
        var rng = SplitMix64(seed: 0x5052_4953_4d21)
        let id = "gen-1761234567-Xq3VbT9kLmN2pR7sWdYz"
        let head = #"{"id":"\#(id)","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","#
            + #""object":"chat.completion.chunk","created":1761234567,"choices":[{"index":0,"delta":{"role":"assistant","#
        let tail = #"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}"#

        var payloads: [String] = []
        var content = ""
        var reasoning = ""
        var comments = 0
        var wire: [UInt8] = []
        wire.reserveCapacity(deltaChunks * 320)

        func emitComment() {
            wire.append(contentsOf: ": OPENROUTER PROCESSING\n\n".utf8)
            comments += 1
        }
        func emit(_ payload: String) {
            payloads.append(payload)
            wire.append(contentsOf: "data: ".utf8)
            wire.append(contentsOf: payload.utf8)
            wire.append(contentsOf: "\n\n".utf8)
        }

        for _ in 0..<keepAlives { emitComment() }
        emit(head + #""content":"""# + tail)
        for n in 0..<deltaChunks {
            // OpenRouter also sends a keep-alive now and then while a slow provider streams.
            if n > 0, n % 2_500 == 0 { emitComment() }
            let piece = Self.piece(&rng, code: (n / 400) % 5 == 4)
            let text = Self.jsonEscaped(piece)
            if n < reasoningChunks {
                reasoning += piece
                emit(head + #""content":"","reasoning":""# + text + #"","reasoning_details":[{"type":"reasoning.text","text":""#
                     + text + #"","format":"anthropic-claude-v1","index":0}]"# + tail)
            } else {
                content += piece
                emit(head + #""content":""# + text + "\"" + tail)
            }
        }
        emit(head + #""content":""},"finish_reason":"stop","native_finish_reason":"end_turn","logprobs":null}]}"#)
        emit(#"{"id":"\#(id)","provider":"Anthropic","model":"anthropic/claude-sonnet-4.5","object":"chat.completion.chunk","#
             + #""created":1761234567,"choices":[],"usage":{"prompt_tokens":1843,"completion_tokens":\#(deltaChunks),"#
             + #""total_tokens":\#(deltaChunks + 1843),"cost":0.3055290,"is_byok":false,"prompt_tokens_details":"#
             + #"{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":\#(reasoningChunks)}}}"#)
        emit("[DONE]")

        self.wire = wire
        self.payloads = payloads
        self.deltaChunks = deltaChunks
        self.expectedContent = content
        self.expectedReasoning = reasoning
    }

    /// Splits the wire into network-sized pieces, as `Data` like the transport delivers them.
    func pieces(of size: Int) -> [Data] {
        stride(from: 0, to: wire.count, by: size).map { Data(wire[$0..<min($0 + size, wire.count)]) }
    }

    // MARK: - Text

    private static let prose = [
        "The", " stream", " is", " decoded", " incrementally", ",", " so", " each", " token", " appears", " as",
        " soon", " as", " it", " arrives", ".", " This", " matters", " for", " latency", " and", " for", " the",
        " **perceived**", " speed", " of", " the", " model", ";", " see", " `SSEDecoder`", " for", " details",
        "\n\n", "\n- ", "## ", "Results", " café", " naïve", " — ", " 東京", " 🙂", " \"quoted\"", " 42", "%",
    ]
    private static let code = [
        "func", " total", "(of", " items", ":", " [Int])", " ->", " Int", " {", "\n    ", "items", ".reduce",
        "(0,", " +)", "\n}", "\n", "let", " path", " =", " \"C:\\\\tmp\\\\out\"", "\t", "// ", "sum", "```swift\n", "\n```",
    ]

    /// One to three tokens of prose or code.
    private static func piece(_ rng: inout SplitMix64, code isCode: Bool) -> String {
        let words = isCode ? code : prose
        var out = ""
        for _ in 0...(rng.next() % 3 == 0 ? 2 : 0) {
            out += words[Int(rng.next() % UInt64(words.count))]
        }
        return out
    }

    /// JSON string escaping as servers do it: quotes, backslashes and control characters.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// A small, fast, seedable generator so fixtures are the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
