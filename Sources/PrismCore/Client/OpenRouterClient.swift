import Foundation
import Logging

/// Talks to OpenRouter, or to any OpenAI-compatible server at another base URL.
public struct OpenRouterClient: Sendable {
    public var configuration: ClientConfiguration
    let transport: any HTTPTransport
    let logger: Logger
    /// Waits between retries; injected so tests do not sleep.
    let sleep: @Sendable (Double) async throws -> Void

    public init(configuration: ClientConfiguration, transport: any HTTPTransport = CurlTransport(),
                logger: Logger = Logger(label: "prism.client"),
                sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.sleep = sleep
    }

    /// Starts a streamed chat completion.
    public func streamChat(_ request: ChatRequest) -> ChatStream {
        let (events, continuation) = AsyncStream.makeStream(of: CompletionEvent.self, bufferingPolicy: .unbounded)
        let client = self
        let producer = Task {
            let reply = await client.run(request) { continuation.yield($0) }
            continuation.yield(.finished(reply))
            continuation.finish()
        }
        continuation.onTermination = { termination in
            if case .cancelled = termination { producer.cancel() }
        }
        return ChatStream(events: events, producer: producer)
    }

    /// Starts a streamed chat completion that hands each event to `onEvent` as it is
    /// decoded, on the thread that decoded it, ending with `.finished`.
    ///
    /// For callers that forward events somewhere else anyway (the chat screen posts them
    /// to its UI thread): compared with iterating a `ChatStream`, each event skips one
    /// hop through an `AsyncStream` and a wake-up of another thread.
    @discardableResult
    public func streamChat(_ request: ChatRequest, onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> StreamHandle {
        let client = self
        return StreamHandle(task: Task {
            let reply = await client.run(request, emit: onEvent)
            onEvent(.finished(reply))
        })
    }

    /// The retry loop around single attempts; returns the final reply.
    func run(_ request: ChatRequest, emit: @escaping @Sendable (CompletionEvent) -> Void) async -> Reply {
        let clock = ContinuousClock()
        let start = clock.now
        let startedAt = Date()
        let body: Data
        do {
            body = try request.body()
        } catch {
            var reply = Reply()
            reply.failure = ReplyFailure(kind: .protocolViolation, message: "\(error)")
            return reply
        }
        var attempt = 1
        while true {
            emit(.requestSent(attempt: attempt))
            var attemptState = AttemptState(start: start)
            var reply = await self.attempt(request, body: body, state: &attemptState, emit: emit).redactingSecrets(of: configuration)
            let retryable = !attemptState.accumulator.receivedFirstToken && !Task.isCancelled
            if let failure = reply.failure, failure.kind != .cancelled, retryable,
               let delay = configuration.retry.delay(beforeRetry: attempt, failure: failure) {
                logger.notice("attempt \(attempt) failed, retrying in \(delay)s: \(failure.oneLine)")
                emit(.retrying(attempt: attempt, delay: delay, reason: failure))
                do {
                    try await sleep(delay)
                } catch {
                    reply.failure = .cancelled
                    return finalize(reply, request: request, state: attemptState, startedAt: startedAt, attempts: attempt)
                }
                attempt += 1
                continue
            }
            return finalize(reply, request: request, state: attemptState, startedAt: startedAt, attempts: attempt)
        }
    }

    /// Stamps timings and, when the server reported no cost, an estimate from catalog prices.
    private func finalize(_ reply: Reply, request: ChatRequest, state: AttemptState, startedAt: Date, attempts: Int) -> Reply {
        var reply = reply
        let clock = ContinuousClock()
        let end = clock.now
        func ms(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        }
        reply.timings.startedAt = startedAt
        reply.timings.attempts = attempts
        reply.timings.totalMs = ms(end - state.start)
        if let first = state.firstToken {
            reply.timings.ttftMs = ms(first - state.start)
            let generation = ms(end - first) / 1000
            reply.timings.tokensPerSecond = ReplyTimings.rate(tokens: reply.usage?.completionTokens, overSeconds: generation)
        }
        if var usage = reply.usage, usage.cost == nil,
           let estimate = request.pricing?.estimate(promptTokens: usage.promptTokens, completionTokens: usage.completionTokens) {
            usage.cost = estimate
            usage.costIsEstimate = true
            usage.costSource = .estimate
            reply.usage = usage
        } else if var usage = reply.usage, usage.cost != nil, usage.costSource == nil {
            usage.costSource = usage.costIsEstimate ? .estimate : .usage
            reply.usage = usage
        }
        if reply.model == nil { reply.model = request.model }
        return reply
    }
}

/// What one attempt has seen so far.
struct AttemptState {
    let start: ContinuousClock.Instant
    var firstToken: ContinuousClock.Instant?
    var accumulator = ReplyAccumulator()
}
