import Foundation

extension RouteCandidate {
    /// This candidate with the providers' published speed (`/endpoints`): the median of the
    /// healthy providers' p50 time to first token and throughput. A candidate the reply
    /// history has timed keeps its own figures; one no provider publishes stays as it was.
    public func withProviderSpeed(_ endpoints: ModelEndpoints) -> RouteCandidate {
        guard speedSource == nil else { return self }
        var c = self
        let healthy = endpoints.endpoints.filter { !$0.isDegraded }
        let ttfts = healthy.compactMap { $0.latency?.p50 }.sorted()
        let rates = healthy.compactMap { $0.throughput?.p50 }.sorted()
        if !ttfts.isEmpty { c.ttft = ttfts[ttfts.count / 2] / 1000 }
        if !rates.isEmpty { c.tokensPerSecond = rates[rates.count / 2] }
        if c.ttft != nil || c.tokensPerSecond != nil { c.speedSource = .providers }
        return c
    }
}

extension RouteEvidence {
    /// The decision for `ask`, where a candidate the history has not timed gets its
    /// providers' speed from `endpoints` (nil: none known). The lookups run at once, and one
    /// not back within `patience` seconds is left out, so a slow network delays a prompt
    /// by that much at most.
    public func decide(_ ask: RouteAsk, patience: Double = 2,
                       endpoints: @escaping @Sendable (String) async -> ModelEndpoints?) async -> RouteDecision {
        let ratings = ratings(tag: ask.request.tag)
        var candidates = ask.candidates.map { completed($0, ratings: ratings) }
        let untimed = Set(candidates.filter { $0.speedSource == nil }.map { ModelVariant.parse($0.model).base })
        let found = await Self.lookUp(untimed, patience: patience, endpoints: endpoints)
        candidates = candidates.map { c in found[ModelVariant.parse(c.model).base].map { c.withProviderSpeed($0) } ?? c }
        return RouteScorer.decide(candidates, request: ask.request, weights: ask.weights)
    }

    /// Each model's endpoints, asked for in parallel; what has not answered after `patience`
    /// seconds is dropped. Lookups are not waited for past the deadline (a fetch that ignores
    /// cancellation cannot hold the prompt up); their answers still fill the endpoint cache.
    static func lookUp(_ models: Set<String>, patience: Double,
                       endpoints: @escaping @Sendable (String) async -> ModelEndpoints?) async -> [String: ModelEndpoints] {
        guard !models.isEmpty else { return [:] }
        let gather = Gathering(expecting: models.count)
        return await withCheckedContinuation { continuation in
            gather.start(continuation)
            for model in models { Task { gather.add(model, await endpoints(model)) } }
            Task {
                try? await Task.sleep(nanoseconds: UInt64(patience * 1_000_000_000))
                gather.finish()
            }
        }
    }

    /// The answers so far, handed on once: when the last arrives or the deadline passes.
    private final class Gathering: @unchecked Sendable {
        private let lock = NSLock()
        private var found: [String: ModelEndpoints] = [:]
        private var remaining: Int
        private var continuation: CheckedContinuation<[String: ModelEndpoints], Never>?

        init(expecting count: Int) { remaining = count }

        func start(_ c: CheckedContinuation<[String: ModelEndpoints], Never>) { lock.withLock { continuation = c } }

        func add(_ model: String, _ value: ModelEndpoints?) {
            let done: Bool = lock.withLock {
                if let value { found[model] = value }
                remaining -= 1
                return remaining == 0
            }
            if done { finish() }
        }

        func finish() {
            let (c, result) = lock.withLock { () -> (CheckedContinuation<[String: ModelEndpoints], Never>?, [String: ModelEndpoints]) in
                defer { continuation = nil }
                return (continuation, found)
            }
            c?.resume(returning: result)
        }
    }
}
