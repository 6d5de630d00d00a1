import Foundation

extension OpenRouterClient {
    /// Fetches the providers of one model (`GET /models/{author}/{slug}/endpoints`).
    ///
    /// A variant suffix (`:free`, `:nitro`…) is left off the path: the endpoints are the base model's.
    public func fetchEndpoints(model: String, now: Date = Date()) async throws -> ModelEndpoints {
        let base = model.split(separator: ":", maxSplits: 1).first.map(String.init) ?? model
        let parts = base.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw APIRequestError(failure: ReplyFailure(kind: .http, message: "\(model) is not an author/slug model id"))
        }
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))
        let escaped = parts.map { String($0).addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
        let data = try await get("models/\(escaped[0])/\(escaped[1])/endpoints")
        do {
            return try ModelEndpoints.decode(data, modelID: model, fetchedAt: now)
        } catch {
            throw APIRequestError(failure: ReplyFailure(kind: .protocolViolation, message: "the providers of \(model) could not be read"))
        }
    }
}
