import Foundation

extension StubModels {
    /// The behavior for a request as OpenRouter routes it, so tests can see routing reach the server.
    ///
    /// With a `models` chain, a model that fails at once (an HTTP error) hands over to the next,
    /// as OpenRouter moves on only when a model fails; the one that answers names itself in
    /// `model`. When every model fails, the last failure is the answer. With `provider.order`,
    /// a reply names the first listed provider as the one that served it. Nil when no model of
    /// the request is a stub model.
    public static func routed(_ request: RecordedRequest) -> (behavior: StubBehavior, model: String)? {
        let requested = request.model ?? echo
        var chain = (request["models"] as? [String]) ?? []
        if chain.first != requested { chain.insert(requested, at: 0) }
        let text = request.lastUserText ?? ""
        let provider = (request.value(at: "provider", "order") as? [String])?.first
        var failed: (behavior: StubBehavior, model: String)?
        for (index, model) in chain.enumerated() {
            guard let behavior = behavior(forModel: model, lastUserText: text) else { continue }
            if case .httpError = behavior, index < chain.count - 1 {
                failed = (behavior, model)
                continue
            }
            guard case .stream(var reply) = behavior, let provider else { return (behavior, model) }
            reply.provider = provider
            return (.stream(reply), model)
        }
        return failed
    }
}
