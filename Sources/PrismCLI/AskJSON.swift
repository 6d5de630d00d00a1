import Foundation
import PrismCore

/// The `--json` result of `prism ask`: one object, every documented key always present.
struct AskJSON: Encodable {
    var reply: Reply
    var requestedModel: String
    /// The request as sent, for its routing (nil: not known, printed as null).
    var request: ChatRequest?
    /// Models left out of the fallback chain because their circuit was open (`RouteHealth`).
    var skippedModels: [SkippedModel] = []
    /// The rounds of a reply that used tools (`--tool`), each with its calls and results.
    var toolRounds: [ToolRound] = []
    /// Why the tool loop stopped early (the round cap), nil when it did not.
    var toolNote: String?
    /// The reply checked against `--schema`; nil without one (the keys are then null).
    var structured: StructuredCheck?

    enum Keys: String, CodingKey {
        case model, modelRequested = "model_requested", provider, generationID = "generation_id", content, reasoning
        case finishReason = "finish_reason", nativeFinishReason = "native_finish_reason", usage, timings, error
        case skippedEvents = "skipped_events", costSource = "cost_source", routing, servedBy = "served_by", skippedModels = "skipped_models"
        case toolRounds = "tool_rounds", toolNote = "tool_note", parsed, schemaValid = "schema_valid", schemaErrors = "schema_errors"
        case citations, skippedAnnotations = "skipped_annotations"
    }
    enum RoutingKeys: String, CodingKey { case provider, models }
    enum ServedKeys: String, CodingKey { case model, provider, fallback, note }
    enum UsageKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
        case cost, costIsEstimate = "cost_is_estimate", cachedTokens = "cached_tokens", reasoningTokens = "reasoning_tokens"
        case cacheWriteTokens = "cache_write_tokens", cacheSavings = "cache_savings"
    }
    enum TimingKeys: String, CodingKey {
        case ttftMs = "ttft_ms", totalMs = "total_ms", tokensPerSecond = "tokens_per_second", attempts
    }
    enum ErrorKeys: String, CodingKey { case code, message, status, provider, kind }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(reply.model ?? requestedModel, forKey: .model)
        try c.encode(requestedModel, forKey: .modelRequested)
        try encodeOrNull(reply.provider, &c, .provider)
        try encodeOrNull(reply.generationID, &c, .generationID)
        try c.encode(reply.content, forKey: .content)
        try encodeOrNull(reply.reasoning.isEmpty ? nil : reply.reasoning, &c, .reasoning)
        try encodeOrNull(reply.finishReason, &c, .finishReason)
        try encodeOrNull(reply.nativeFinishReason, &c, .nativeFinishReason)
        try c.encode(reply.skippedEvents, forKey: .skippedEvents)
        try c.encode(skippedModels, forKey: .skippedModels)
        try encodeOrNull(reply.usage?.source?.rawValue, &c, .costSource)
        try encodeRouting(&c)
        try c.encode(toolRounds, forKey: .toolRounds)
        try encodeOrNull(toolNote, &c, .toolNote)
        try encodeOrNull(structured?.parsed, &c, .parsed)
        try encodeOrNull(structured?.isValid, &c, .schemaValid)
        try encodeOrNull(structured?.errors, &c, .schemaErrors)

        var u = c.nestedContainer(keyedBy: UsageKeys.self, forKey: .usage)
        try encodeOrNull(reply.usage?.promptTokens, &u, .promptTokens)
        try encodeOrNull(reply.usage?.completionTokens, &u, .completionTokens)
        try encodeOrNull(reply.usage?.totalTokens, &u, .totalTokens)
        try encodeOrNull(reply.usage?.cost, &u, .cost)
        try u.encode(reply.usage?.costIsEstimate ?? false, forKey: .costIsEstimate)
        try encodeOrNull(reply.usage?.cachedTokens, &u, .cachedTokens)
        try encodeOrNull(reply.usage?.reasoningTokens, &u, .reasoningTokens)
        try encodeOrNull(reply.usage?.cacheWriteTokens, &u, .cacheWriteTokens)
        // Catalog prices × cached tokens: an estimate, null when a price or the count is unknown.
        try encodeOrNull(CacheSavings.saved(reply.usage, pricing: request?.pricing), &u, .cacheSavings)
        try c.encode(reply.citations, forKey: .citations)
        try c.encode(reply.skippedAnnotations, forKey: .skippedAnnotations)

        var t = c.nestedContainer(keyedBy: TimingKeys.self, forKey: .timings)
        try encodeOrNull(reply.timings.ttftMs.map { ($0 * 10).rounded() / 10 }, &t, .ttftMs)
        try encodeOrNull(reply.timings.totalMs.map { ($0 * 10).rounded() / 10 }, &t, .totalMs)
        // null when the reply was too short or too quick for a rate to mean anything (ReplyTimings.minimumRateTokens).
        let rate = reply.timings.measuredRate(completionTokens: reply.usage?.completionTokens)
        try encodeOrNull(rate.map { ($0 * 10).rounded() / 10 }, &t, .tokensPerSecond)
        try encodeOrNull(reply.timings.attempts, &t, .attempts)

        if let failure = reply.failure {
            var e = c.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            try encodeOrNull(failure.code ?? failure.status.map(String.init), &e, .code)
            try e.encode(failure.oneLine, forKey: .message)
            try encodeOrNull(failure.status, &e, .status)
            try encodeOrNull(failure.provider, &e, .provider)
            try e.encode(failure.kind.rawValue, forKey: .kind)
        } else {
            try c.encodeNil(forKey: .error)
        }
    }

    /// `routing`: the `provider` object and `models` chain sent (null when neither was);
    /// `served_by`: who answered, whether a fallback did, and the one-line explanation (null when served as asked).
    private func encodeRouting(_ c: inout KeyedEncodingContainer<Keys>) throws {
        let provider = request?.settings.provider
        let chain = request?.sentRoute?.models
        if provider != nil || chain != nil {
            var r = c.nestedContainer(keyedBy: RoutingKeys.self, forKey: .routing)
            try encodeOrNull(provider, &r, .provider)
            try encodeOrNull(chain, &r, .models)
        } else {
            try c.encodeNil(forKey: .routing)
        }
        var s = c.nestedContainer(keyedBy: ServedKeys.self, forKey: .servedBy)
        try encodeOrNull(reply.model, &s, .model)
        try encodeOrNull(reply.provider, &s, .provider)
        try s.encode(ServedRoute.failedBefore(requested: requestedModel, chain: chain, servedModel: reply.model) != nil, forKey: .fallback)
        try encodeOrNull(servedNote, &s, .note)
    }

    /// How the reply was served when not as asked, in one line (`ServedRoute`).
    var servedNote: String? {
        ServedRoute.explain(requested: requestedModel, chain: request?.sentRoute?.models, servedModel: reply.model,
                            provider: reply.provider, order: request?.sentRoute?.order)
    }

    private func encodeOrNull<K: CodingKey, V: Encodable>(_ value: V?, _ c: inout KeyedEncodingContainer<K>, _ key: K) throws {
        if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
    }

    /// The stderr warning for a reply with unreadable events, or nil when there were none.
    static func skippedWarning(_ reply: Reply, model: String? = nil) -> String? {
        guard reply.skippedEvents > 0 else { return nil }
        let count = reply.skippedEvents == 1 ? "1 unreadable stream event was" : "\(reply.skippedEvents) unreadable stream events were"
        let whose = model.map { "\(TerminalSanitizer.sanitize($0)): " } ?? ""
        return "prism: warning: \(whose)\(count) skipped; the reply may be missing text"
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
