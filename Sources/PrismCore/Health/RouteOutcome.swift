import Foundation

/// How one reply ended, as the health record keeps it: which model was asked and which
/// served, the provider, success or the kind of failure, and how long it took.
public struct RouteOutcome: Sendable, Equatable {
    /// Success, or a failure by `ReplyFailure.Kind` (its raw value: "http", "network", …).
    public enum Kind: Sendable, Equatable, Hashable {
        case ok
        case failed(ReplyFailure.Kind)

        public var name: String {
            switch self {
            case .ok: return "ok"
            case .failed(let kind): return kind.rawValue
            }
        }

        public init(name: String) {
            self = name == "ok" ? .ok : .failed(ReplyFailure.Kind(rawValue: name) ?? .protocolViolation)
        }
    }

    /// The model the request named first (its `model`): the circuit this reply counts for.
    public var model: String
    public var modelServed: String?
    public var provider: String?
    public var kind: Kind
    public var status: Int?
    public var code: String?
    public var ttftMs: Int?
    public var totalMs: Int?
    public var at: Date
    /// Where it came from: chat, compare or ask (the spend ledger's sources).
    public var source: String?

    public init(model: String, modelServed: String? = nil, provider: String? = nil, kind: Kind, status: Int? = nil,
                code: String? = nil, ttftMs: Int? = nil, totalMs: Int? = nil, at: Date, source: String? = nil) {
        self.model = model
        self.modelServed = modelServed
        self.provider = provider
        self.kind = kind
        self.status = status
        self.code = code
        self.ttftMs = ttftMs
        self.totalMs = totalMs
        self.at = at
        self.source = source
    }

    /// The outcome of `reply`, sent as a request for `model`.
    public init(reply: Reply, model: String, at: Date, source: String?) {
        let failure = reply.failure
        self.init(model: model, modelServed: reply.model, provider: reply.provider ?? failure?.provider,
                  kind: failure.map { .failed($0.kind) } ?? .ok, status: failure?.status, code: failure.flatMap(Self.code),
                  ttftMs: reply.timings.ttftMs.map { Int($0.rounded()) }, totalMs: reply.timings.totalMs.map { Int($0.rounded()) },
                  at: at, source: source)
    }

    /// The failure's code; OpenRouter's free-model limits keep their name ("free-models-per-min"),
    /// however the server coded them, so they are told apart from a provider's 429.
    static func code(_ failure: ReplyFailure) -> String? {
        let text = "\(failure.code ?? "") \(failure.message) \(failure.upstreamMessage ?? "")".lowercased()
        if let range = text.range(of: "free-models-per-") {
            return String(text[range.lowerBound...].prefix { $0.isLetter || $0 == "-" })
        }
        return failure.code
    }

    /// What this outcome does to a circuit: a success closes it; a failure that says
    /// something about the model or provider counts towards opening it; the rest is neutral.
    ///
    /// A success served by another model (a fallback) is neutral for the model asked.
    /// Counted: HTTP 408, 429 (except OpenRouter's free-model limits, which are the
    /// account's) and 5xx, errors mid-stream, cut-off streams, network errors, timeouts and
    /// unreadable responses. Not counted: the user's cancel, and 4xx answers about the
    /// request or the account (400 bad request, 401 key, 402 credit, 403 moderation, 404
    /// unknown model, 413 too large): skipping a model would not fix those.
    public var effect: CircuitEffect {
        switch kind {
        case .ok: return servedByAnother ? .neutral : .success
        case .failed(.cancelled): return .neutral
        case .failed:
            if let code, code.lowercased().contains("free-models-per") { return .neutral }
            guard let status = status ?? code.flatMap({ Int($0) }) else { return .failure }
            return status == 408 || status == 429 || status >= 500 || status < 400 ? .failure : .neutral
        }
    }

    /// The reply came from another model than the one asked (OpenRouter fell back to one of
    /// the `models`): it says nothing good about the model asked, only about the one that
    /// served. A dated or variant id of the same model ("openai/gpt-4o-2024-08-06") is the same.
    public var servedByAnother: Bool {
        guard let served = modelServed?.lowercased(), !served.isEmpty else { return false }
        let asked = model.lowercased()
        return !served.hasPrefix(asked) && !asked.hasPrefix(served)
    }

    public enum CircuitEffect: Sendable, Equatable {
        case success, failure, neutral
    }
}
