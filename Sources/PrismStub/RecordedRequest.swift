import Foundation

/// One HTTP request as the stub received it, so tests can assert what the client sent.
public struct RecordedRequest: Sendable, Equatable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The path without the query, exactly as sent (e.g. `/api/v1/chat/completions`).
    public var path: String
    /// The query string without `?`, if any.
    public var query: String?
    /// Header values by lowercased name (a repeated header keeps the last value).
    public var headers: [String: String]
    public var body: Data
    /// When the request was fully read.
    public var receivedAt: Date

    public init(method: String, path: String, query: String?, headers: [String: String], body: Data, receivedAt: Date) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }

    /// The path with a leading `/api/v1` or `/v1` removed, e.g. `/chat/completions`.
    public var route: String {
        for prefix in ["/api/v1", "/v1"] where path.hasPrefix(prefix + "/") {
            return String(path.dropFirst(prefix.count))
        }
        return path
    }

    /// A header by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The body parsed by `JSONSerialization` (dictionaries, arrays, NSNumber...), or nil if it is not JSON.
    public var bodyJSON: Any? {
        try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
    }

    /// A top-level field of a JSON object body, e.g. `request["max_tokens"] as? Int`.
    public subscript(field: String) -> Any? {
        (bodyJSON as? [String: Any])?[field]
    }

    /// A nested field by path, e.g. `value(at: "stream_options", "include_usage") as? Bool`.
    public func value(at path: String...) -> Any? {
        var current: Any? = bodyJSON
        for key in path {
            current = (current as? [String: Any])?[key]
        }
        return current
    }

    /// The body decoded as `T`.
    public func decodeBody<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: body)
    }

    /// The `model` field of a JSON body.
    public var model: String? {
        self["model"] as? String
    }

    /// The text of the last `user` message (string content or the joined `text` parts).
    public var lastUserText: String? {
        guard let messages = self["messages"] as? [[String: Any]],
              let last = messages.last(where: { ($0["role"] as? String) == "user" }) else { return nil }
        if let text = last["content"] as? String { return text }
        guard let parts = last["content"] as? [[String: Any]] else { return nil }
        return parts.compactMap { $0["text"] as? String }.joined(separator: "\n")
    }
}
