import Foundation

/// The routing a reply was sent with, kept with the reply (`sent_route` in session files) so
/// the way it was served can still be explained after a resume.
public struct SentRoute: Codable, Sendable, Equatable, Hashable {
    /// The `models` chain sent (the requested model first), nil when none was.
    public var models: [String]?
    /// `provider.order` as sent, nil when none was.
    public var order: [String]?

    public init(models: [String]? = nil, order: [String]? = nil) {
        self.models = models
        self.order = order
    }
}

extension ChatRequest {
    /// What of this request's routing a reply needs to keep; nil when it sent neither a chain nor an order.
    public var sentRoute: SentRoute? {
        let chain = settings.fallbackModels.isEmpty ? nil : [model] + settings.fallbackModels
        let order = settings.provider?.order.flatMap { $0.isEmpty ? nil : $0 }
        return chain == nil && order == nil ? nil : SentRoute(models: chain, order: order)
    }
}

/// How a reply was served, in one plain line, when that is not the way it was asked for.
///
/// OpenRouter moves along a `models` chain only when a model fails, so a reply from a later
/// model means every one before it failed (or could not be used). Router models
/// (`openrouter/auto`, `~…-latest` aliases) pick a model themselves. A pinned provider order
/// whose first provider did not serve means that provider was skipped or failed.
/// The text holds names from the network: front ends sanitize it before showing it.
public enum ServedRoute {
    public static func explain(requested: String, chain: [String]?, servedModel: String?, provider: String?,
                               order: [String]?) -> String? {
        guard let served = servedModel, !served.isEmpty else { return nil }
        if let failed = failedBefore(requested: requested, chain: chain, servedModel: served) {
            return "served by fallback \(served) after \(failed.joined(separator: ", ")) failed"
        }
        if !sameModel(served: served, asked: requested) {
            if isRouter(requested) { return "routed to \(served) by \(requested)" }
            return "served by \(served) (asked for \(requested))"
        }
        if let first = order?.first, let provider, !provider.isEmpty, !sameProvider(provider, first) {
            return "served by provider \(provider) (asked for \(first) first)"
        }
        return nil
    }

    /// The models of the chain that failed before `servedModel` answered; nil when it was not a later model of the chain.
    public static func failedBefore(requested: String, chain: [String]?, servedModel: String?) -> [String]? {
        guard let served = servedModel, let chain, served != requested else { return nil }
        let start = chain.firstIndex(of: requested) ?? 0
        let later = chain.indices.filter { $0 > start }
        // The chain's own id first (`gpt-4o-mini` after `gpt-4o`), then a snapshot of a later model.
        guard let at = later.first(where: { chain[$0] == served })
                ?? later.first(where: { sameModel(served: served, asked: chain[$0]) && !sameModel(served: served, asked: requested) })
        else { return nil }
        return Array(chain[start..<at])
    }

    /// The explanation for a saved reply, from what it keeps (`model_requested`, `model_served`, `provider`, `sent_route`).
    public static func explain(_ message: Message) -> String? {
        guard message.role == .assistant, let requested = message.modelRequested else { return nil }
        return explain(requested: requested, chain: message.sentRoute?.models, servedModel: message.modelServed,
                       provider: message.provider, order: message.sentRoute?.order)
    }

    /// Router models choose the model that serves: OpenRouter's routers and `~author/family-latest` aliases.
    public static func isRouter(_ model: String) -> Bool {
        model.hasPrefix("openrouter/") || model.hasPrefix("~")
    }

    /// The served id names the asked model: the same id, the id without its variant (`:free`),
    /// or a dated snapshot of it (`openai/gpt-4o-2024-08-06` for `openai/gpt-4o`, not `openai/gpt-4o-mini`).
    static func sameModel(served: String, asked: String) -> Bool {
        if served == asked { return true }
        let base = asked.split(separator: ":", maxSplits: 1).first.map(String.init) ?? asked
        guard served != base else { return true }
        guard served.hasPrefix(base + "-") else { return false }
        return served.dropFirst(base.count + 1).first?.isNumber ?? false
    }

    /// A provider's display name ("Google Vertex") against a routing slug ("google-vertex", "deepinfra/turbo").
    static func sameProvider(_ name: String, _ slug: String) -> Bool {
        func letters(_ s: Substring) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
        let shown = letters(Substring(name))
        let asked = letters(slug.split(separator: "/", maxSplits: 1).first ?? Substring(slug))
        return !asked.isEmpty && (shown == asked || shown.hasPrefix(asked) || asked.hasPrefix(shown))
    }
}
