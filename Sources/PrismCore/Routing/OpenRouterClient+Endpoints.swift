import Foundation

extension OpenRouterClient {
    /// Fetches the providers of one model (`GET /models/{author}/{slug}/endpoints`).
    ///
    /// A variant suffix (`:free`, `:nitro`…) is left off the path: the endpoints are the base model's.
    public func fetchEndpoints(model: String, now: Date = Date()) async throws -> ModelEndpoints {
        guard let path = Self.endpointsPath(model: model) else {
            throw APIRequestError(failure: ReplyFailure(kind: .http, message: "\(model) is not an author/slug model id"))
        }
        let data = try await get(path)
        do {
            return try ModelEndpoints.decode(data, modelID: model, fetchedAt: now)
        } catch {
            throw APIRequestError(failure: ReplyFailure(kind: .protocolViolation, message: "the providers of \(model) could not be read"))
        }
    }

    /// `models/{author}/{slug}/endpoints` for a model id (a variant suffix is left off), or nil
    /// when the id is not `author/slug`; each part percent-encoded so it stays one segment.
    public static func endpointsPath(model: String) -> String? {
        let base = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
        let parts = base.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), !model.contains(where: \.isWhitespace) else { return nil }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        let escaped = parts.map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
        return "models/\(escaped[0])/\(escaped[1])/endpoints"
    }
}
