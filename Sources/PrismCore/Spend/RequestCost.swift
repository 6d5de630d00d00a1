import Foundation

/// The one seam every budget check (and every reservation in the spend ledger) reads a
/// request's worst case from: the cost estimator's figures for a request that
/// `ChatRequest.build` made from `session` up to `leafID`, with that request's own
/// `max_tokens` and prices; with a fallback chain, the worst case of its dearest model.
public enum RequestCost {
    public static func estimate(_ request: ChatRequest, session: Session, upTo leafID: String?) -> CostEstimate {
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: leafID), draft: PendingText(),
                                  explicitMaxTokens: request.maxTokens, maxTokensCap: request.maxTokens,
                                  searchesWeb: request.settings.web != nil)
        // Prices as the request carries them: none known gives nil costs, never $0.
        let info = ModelInfo(id: request.model, pricing: request.pricing ?? ModelPricing())
        let primary = CostEstimator.estimate(model: request.model, info: info, basis: basis)
        let fallbacks = request.fallbackPricing.sorted { $0.key < $1.key }.map {
            CostEstimator.estimate(model: $0.key, info: ModelInfo(id: $0.key, pricing: $0.value), basis: basis)
        }
        return FallbackChain.dearest(primary, fallbacks)
    }

    /// The thread of a request as it will be sent, rebuilt as a session: every message in
    /// order, tool calls and `tool` results as text (a result counts as a user message), so
    /// a later round of a tool turn is weighed with everything it carries. The leaf is the
    /// last message.
    public static func sentThread(of request: ChatRequest) -> (session: Session, leaf: String?) {
        var session = Session(id: "estimate", createdAt: Date(timeIntervalSince1970: 0), model: request.model, settings: request.settings)
        var parent: String?
        for (index, message) in request.messages.enumerated() {
            if message.role == .system { session.systemPrompt = message.content; continue }
            let calls = message.toolCalls.map { "\($0.name ?? "") \($0.arguments)" }.joined(separator: "\n")
            let id = "m\(index)"
            session.append(Message(id: id, parentID: parent, role: message.role == .tool ? .user : message.role,
                                   content: message.content + calls, attachments: message.attachments, createdAt: Date(timeIntervalSince1970: 0)))
            parent = id
        }
        return (session, parent)
    }

    /// The worst case of a request from its messages as sent (`sentThread`): what a later
    /// round of a tool turn reserves and is checked against, in `prism ask` and the chat screen.
    public static func estimate(sentAs request: ChatRequest) -> CostEstimate {
        let sent = sentThread(of: request)
        return estimate(request, session: sent.session, upTo: sent.leaf)
    }
}
