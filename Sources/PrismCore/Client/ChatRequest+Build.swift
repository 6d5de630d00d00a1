import Foundation

extension ChatRequest {
    /// The one place a chat request is built, for the chat screen, compare panes, `ask` and
    /// `compare` alike: the thread of `session` ending at `leafID`, the session's settings,
    /// the model's catalog entry for its limit and prices, the configured reply cap, and the
    /// routing above config (`routing`: the model's saved choice, then flags, field by field).
    ///
    /// Checks that every request must pass (budgets, routing) belong here.
    public static func build(model: String, session: Session, upTo leafID: String?,
                             catalog: [ModelInfo], maxTokensCap: Int, routing: RoutingLayers) -> ChatRequest {
        let info = catalog.entry(for: model)
        let maxTokens = resolveMaxTokens(explicit: session.settings.maxTokens, configuredCap: maxTokensCap,
                                         modelLimit: info?.maxCompletionTokens)
        var settings = session.settings
        settings.provider = routing.preferences(for: model, base: settings.provider)
        // A compare pane asks its own model only: falling back to the session's chain would
        // put another model's answer in a pane named for this one.
        if session.compare != nil { settings.fallbackModels = [] }
        var request = ChatRequest(model: model, messages: messages(for: session, upTo: leafID), settings: settings,
                                  maxTokens: maxTokens, pricing: info?.pricing)
        for fallback in settings.fallbackModels {
            if let pricing = catalog.entry(for: fallback)?.pricing { request.fallbackPricing[fallback] = pricing }
        }
        return request
    }
}
