import Foundation

/// An offline server: answers `/models`, a model's `/endpoints`, `/key` and `/chat/completions` with
/// simulated models that stream real OpenRouter-shaped SSE bytes.
///
/// It sits below the client, so demo replies go through the same SSE decoder,
/// chunk decoder, accumulator and timing code as real ones.
public struct DemoTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let path = request.url.path
        if request.method == "GET", path.hasSuffix("/models") {
            let payload: [String: Any] = ["data": DemoModel.all.map(\.catalogEntry)]
            return Self.json(200, try JSONSerialization.data(withJSONObject: payload))
        }
        if request.method == "GET", path.hasSuffix("/endpoints"), let range = path.range(of: "/models/") {
            let id = String(path[range.upperBound...].dropLast("/endpoints".count))
            guard let model = DemoModel.named(id) else {
                return Self.json(404, Data(#"{"error":{"code":404,"message":"not a demo model"}}"#.utf8))
            }
            return Self.json(200, try JSONSerialization.data(withJSONObject: model.endpointsPayload))
        }
        if request.method == "GET", path.hasSuffix("/key") {
            let key = #"{"data":{"label":"demo (simulated)","limit":null,"limit_remaining":null,"usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"is_free_tier":true}}"#
            return Self.json(200, Data(key.utf8))
        }
        guard request.method == "POST", path.hasSuffix("/chat/completions") else {
            return Self.json(404, Data(#"{"error":{"code":404,"message":"not found"}}"#.utf8))
        }
        let body = (request.body.flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any]) ?? [:]
        let modelID = body["model"] as? String ?? ""
        guard let model = DemoModel.named(modelID) else {
            let known = DemoModel.all.map(\.id).joined(separator: ", ")
            let message = "\(modelID) is not a demo model (demo models: \(known))"
            let error: [String: Any] = ["error": ["code": 400, "message": message]]
            return Self.json(400, try JSONSerialization.data(withJSONObject: error))
        }
        let messages = body["messages"] as? [[String: Any]] ?? []
        let prompt = messages.last { ($0["role"] as? String) == "user" }.flatMap(Self.text) ?? ""
        let promptChars = messages.compactMap(Self.text).reduce(0) { $0 + $1.count }
        let maxTokens = body["max_tokens"] as? Int ?? 4096
        let events = DemoStreamWriter(model: model, prompt: prompt, promptTokens: max(1, promptChars / 4), maxTokens: maxTokens).events()

        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        let producer = Task {
            for event in events {
                if event.delay > 0 {
                    do { try await Task.sleep(for: .seconds(event.delay)) } catch { break }
                }
                if Task.isCancelled { break }
                continuation.yield(event.bytes)
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in producer.cancel() }
        return HTTPResponse(head: HTTPResponseHead(status: 200, headers: ["Content-Type": "text/event-stream"]), body: stream)
    }

    private static func text(_ message: [String: Any]) -> String? {
        if let s = message["content"] as? String { return s }
        if let parts = message["content"] as? [[String: Any]] {
            return parts.compactMap { $0["text"] as? String }.joined(separator: "\n")
        }
        return nil
    }

    private static func json(_ status: Int, _ data: Data) -> HTTPResponse {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
        continuation.yield(data)
        continuation.finish()
        return HTTPResponse(head: HTTPResponseHead(status: status, headers: ["Content-Type": "application/json"]), body: stream)
    }
}

/// Lays out the timed SSE writes of one simulated reply.
struct DemoStreamWriter {
    struct Write {
        var delay: Double
        var bytes: Data
    }

    let model: DemoModel
    let prompt: String
    let promptTokens: Int
    let maxTokens: Int

    func events() -> [Write] {
        let id = "gen-demo-\(UInt32.random(in: 0...UInt32.max))"
        let created = Int(Date().timeIntervalSince1970)
        var writes: [Write] = []
        func chunk(_ delta: [String: Any], finish: String? = nil, extra: [String: Any] = [:], delay: Double) {
            var choice: [String: Any] = ["index": 0, "delta": delta, "finish_reason": finish ?? NSNull(),
                                         "native_finish_reason": finish ?? NSNull()]
            if finish == "error" { choice["native_finish_reason"] = "error" }
            var object: [String: Any] = ["id": id, "provider": DemoModel.provider, "model": model.id,
                                         "object": "chat.completion.chunk", "created": created, "choices": [choice]]
            for (k, v) in extra { object[k] = v }
            append(object, delay: delay)
        }
        func append(_ object: [String: Any], delay: Double) {
            let json = (try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])) ?? Data()
            writes.append(Write(delay: delay, bytes: Data("data: ".utf8) + json + Data("\n\n".utf8)))
        }

        // Keep-alives while the simulated model "processes", as OpenRouter sends them.
        let keepAlives = model.firstTokenDelay > 0 ? max(1, Int(model.firstTokenDelay / 0.4)) : 0
        for _ in 0..<keepAlives {
            writes.append(Write(delay: model.firstTokenDelay / Double(keepAlives + 1), bytes: Data(": OPENROUTER PROCESSING\n\n".utf8)))
        }
        chunk(["role": "assistant", "content": ""], delay: model.firstTokenDelay / Double(keepAlives + 1))

        var completionTokens = 0
        var reasoningTokens = 0
        if model.reasoning {
            for piece in DemoScript.tokens(DemoScript.reasoning(for: prompt)) {
                chunk(["role": "assistant", "content": "", "reasoning": piece,
                       "reasoning_details": [["type": "reasoning.text", "text": piece, "index": 0, "format": "unknown"]]],
                      delay: model.chunkDelay)
                reasoningTokens += 1
            }
        }
        var pieces = DemoScript.tokens(DemoScript.answer(for: prompt, model: model))
        var finish = "stop"
        if pieces.count > maxTokens {
            pieces = Array(pieces.prefix(maxTokens))
            finish = "length"
        }
        for (n, piece) in pieces.enumerated() {
            if let failAt = model.failAfterChunks, n == failAt {
                let error: [String: Any] = ["code": 502, "message": "Provider returned error",
                                            "metadata": ["provider_name": DemoModel.provider, "raw": "simulated upstream failure"]]
                chunk(["content": ""], finish: "error", extra: ["error": error], delay: model.chunkDelay)
                return splitSome(writes)
            }
            chunk(["content": piece], delay: model.chunkDelay)
            completionTokens += 1
        }
        chunk(["content": ""], finish: finish, delay: model.chunkDelay)

        completionTokens += reasoningTokens
        let prompt = Decimal(string: model.promptPrice) ?? 0
        let completion = Decimal(string: model.completionPrice) ?? 0
        let cost = prompt * Decimal(promptTokens) + completion * Decimal(completionTokens)
        let usage: [String: Any] = [
            "prompt_tokens": promptTokens, "completion_tokens": completionTokens,
            "total_tokens": promptTokens + completionTokens, "cost": NSDecimalNumber(decimal: cost),
            "is_byok": false, "prompt_tokens_details": ["cached_tokens": 0],
            "completion_tokens_details": ["reasoning_tokens": reasoningTokens],
        ]
        append(["id": id, "provider": DemoModel.provider, "model": model.id, "object": "chat.completion.chunk",
                "created": created, "choices": [Any](), "usage": usage], delay: model.chunkDelay)
        writes.append(Write(delay: 0, bytes: Data("data: [DONE]\n\n".utf8)))
        return splitSome(writes)
    }

    /// Splits every fifth write in two at an odd offset, as TCP does, so the demo
    /// exercises the decoder's reassembly like a real network.
    private func splitSome(_ writes: [Write]) -> [Write] {
        var out: [Write] = []
        for (n, w) in writes.enumerated() {
            if n % 5 == 3, w.bytes.count > 8 {
                let cut = w.bytes.count / 2 + 1
                out.append(Write(delay: w.delay, bytes: w.bytes.prefix(cut)))
                out.append(Write(delay: 0, bytes: w.bytes.suffix(from: w.bytes.startIndex + cut)))
            } else {
                out.append(w)
            }
        }
        return out
    }
}
