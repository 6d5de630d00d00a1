import Foundation

extension ChatRequest {
    /// The one place a chat request is built, for the chat screen, compare panes, `ask` and
    /// `compare` alike: the thread of `session` ending at `leafID`, the session's settings,
    /// the model's catalog entry for its limit and prices, and the configured reply cap.
    ///
    /// Checks that every request must pass (budgets, routing) belong here.
    public static func build(model: String, session: Session, upTo leafID: String?,
                             catalog: [ModelInfo], maxTokensCap: Int) -> ChatRequest {
        let info = catalog.entry(for: model)
        let maxTokens = resolveMaxTokens(explicit: session.settings.maxTokens, configuredCap: maxTokensCap,
                                         modelLimit: info?.maxCompletionTokens)
        return ChatRequest(model: model, messages: messages(for: session, upTo: leafID), settings: session.settings,
                           maxTokens: maxTokens, pricing: info?.pricing)
    }
}
