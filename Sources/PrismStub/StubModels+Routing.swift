import Foundation

extension StubModels {
    /// The behavior for a request as OpenRouter routes it, so tests can see routing reach the server.
    ///
    /// With a `models` chain, a model that fails at once (an HTTP error) hands over to the next,
    /// as OpenRouter moves on only when a model fails; the one that answers names itself in
    /// `model`. When every model fails, the last failure is the answer, its `error.metadata`
    /// listing the earlier ones in `previous_errors`. With `provider.order`, a reply names the
    /// first listed provider as the one that served it. Nil when no model of the request is a
    /// stub model.
    public static func routed(_ request: RecordedRequest) -> (behavior: StubBehavior, model: String)? {
        let requested = request.model ?? echo
        var chain = (request["models"] as? [String]) ?? []
        if chain.first != requested { chain.insert(requested, at: 0) }
        let text = request.lastUserText ?? ""
        let provider = (request.value(at: "provider", "order") as? [String])?.first
        var failed: (behavior: StubBehavior, model: String)?
        var previous: [(model: String, status: Int)] = []
        for (index, model) in chain.enumerated() {
            if baseID(model) == agent { return (agentReply(request), model) }
            if baseID(model) == json || baseID(model) == jsonBad { return (jsonReply(request, bad: baseID(model) == jsonBad), model) }
            if baseID(model) == web { return (webReply(request), model) }
            guard let behavior = behavior(forModel: model, lastUserText: text) else { continue }
            if case .httpError(let status, let body, let headers) = behavior {
                guard index < chain.count - 1 else {
                    return (.httpError(status: status, body: withPreviousErrors(body, previous), headers: headers), model)
                }
                previous.append((model, status))
                failed = (behavior, model)
                continue
            }
            guard case .stream(var reply) = behavior, let provider else { return (behavior, model) }
            reply.provider = provider
            return (.stream(reply), model)
        }
        return failed
    }

    /// An OpenRouter error body with `error.metadata.previous_errors` (one per earlier failed model) added; unchanged when there were none.
    static func withPreviousErrors(_ body: String, _ previous: [(model: String, status: Int)]) -> String {
        guard !previous.isEmpty, var root = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
              var error = root["error"] as? [String: Any] else { return body }
        var metadata = error["metadata"] as? [String: Any] ?? [:]
        metadata["previous_errors"] = previous.map { ["provider": "Stub", "model": $0.model, "code": $0.status, "status": $0.status] as [String: Any] }
        error["metadata"] = metadata
        root["error"] = error
        guard let data = try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes]) else { return body }
        return String(decoding: data, as: UTF8.self)
    }
}
