import Foundation

/// The `error` object OpenRouter sends in error bodies and inside streams.
public struct APIError: Decodable, Sendable, Equatable {
    public var code: FlexibleCode?
    public var message: String?
    public var metadata: JSONValue?

    enum CodingKeys: String, CodingKey { case code, message, metadata }

    public init(code: FlexibleCode? = nil, message: String? = nil, metadata: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.metadata = metadata
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = c.lenient(FlexibleCode.self, .code)
        message = c.lenient(String.self, .message)
        metadata = c.lenient(JSONValue.self, .metadata)
    }

    /// The upstream provider named in `metadata.provider_name`.
    public var providerName: String? { metadata?["provider_name"]?.string }

    /// The provider's own message dug out of `metadata.raw`, which may be a string,
    /// a JSON document inside a string, or an object.
    public var upstreamMessage: String? {
        guard let raw = metadata?["raw"] else { return nil }
        return APIError.message(in: raw, depth: 0)
    }

    private static func message(in value: JSONValue, depth: Int) -> String? {
        guard depth < 6 else { return nil }
        switch value {
        case .string(let s):
            let trimmed = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("{"), let data = trimmed.data(using: .utf8),
               let inner = try? JSONDecoder().decode(JSONValue.self, from: data) {
                return message(in: inner, depth: depth + 1) ?? trimmed
            }
            return trimmed.isEmpty ? nil : trimmed
        case .object(let o):
            for key in ["message", "error", "detail", "error_description"] {
                if let v = o[key], let m = message(in: v, depth: depth + 1) { return m }
            }
            return nil
        case .array(let a):
            return a.lazy.compactMap { message(in: $0, depth: depth + 1) }.first
        default:
            return nil
        }
    }

    /// Converts to the saved failure form.
    public func failure(kind: ReplyFailure.Kind, status: Int?, fallbackProvider: String? = nil) -> ReplyFailure {
        let text = (message?.isEmpty == false ? message : nil) ?? "unknown error"
        return ReplyFailure(
            kind: kind, code: code?.description, status: status, message: text,
            provider: providerName ?? fallbackProvider, upstreamMessage: upstreamMessage
        )
    }
}

/// A whole error response body: `{"error": {...}, "user_id": "..."}`.
public struct APIErrorBody: Decodable, Sendable {
    public var error: APIError?

    enum CodingKeys: String, CodingKey { case error }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let e = c.lenient(APIError.self, .error) {
            error = e
        } else if let s = c.lenient(String.self, .error) {
            // Some OpenAI-compatible servers (Ollama, llama.cpp) send "error": "text".
            error = APIError(message: s)
        } else {
            error = nil
        }
    }
}
