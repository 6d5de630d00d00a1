import Foundation

/// Turns the pieces of one attempt's event-stream body into completion events, from
/// whichever thread delivers them (the transport's, or the attempt's task).
///
/// It also decides when to stop reading: once the reply is complete (finish reason and
/// usage, or `[DONE]`), when the stream breaks the line or event cap, or when the
/// attempt's idle watch gives up. `close()` ends decoding under the same lock `feed`
/// holds, so once the attempt has closed it, a piece still in flight changes nothing.
final class EventStreamDecoding: @unchecked Sendable {
    /// Why decoding stopped before the body ended.
    enum Ending: Sendable, Equatable {
        /// The reply is complete; the rest of the connection does not matter.
        case complete
        /// The stream broke a limit or a timeout expired.
        case failed(ReplyFailure)
    }

    private let lock = NSLock()
    private var decoder: SSEDecoder
    private var keepAlives = 0
    /// Events dispatched so far (anything but comments): the idle watch's measure of progress.
    private var events = 0
    private var state: AttemptState
    private var closed = false
    private var ending: Ending?
    private let emit: @Sendable (CompletionEvent) -> Void

    init(state: AttemptState, maxEventBytes: Int = SSEDecoder.defaultLimit,
         emit: @escaping @Sendable (CompletionEvent) -> Void) {
        self.state = state
        self.decoder = SSEDecoder(maxLineBytes: maxEventBytes, maxEventBytes: maxEventBytes)
        self.emit = emit
    }

    /// Decodes one piece of the body and emits the events it completes; false once no
    /// more pieces are wanted.
    func feed(_ piece: Data) -> Bool {
        lock.withLock {
            guard !closed, ending == nil else { return false }
            for event in decoder.feed(piece) {
                events &+= 1
                let emitted = state.accumulator.consume(data: event.data)
                if state.firstToken == nil, state.accumulator.receivedFirstToken {
                    state.firstToken = ContinuousClock().now
                }
                for e in emitted { emit(e) }
                if state.accumulator.isComplete {
                    ending = .complete
                    break
                }
            }
            if let overflow = decoder.overflow, ending == nil {
                ending = .failed(Self.failure(for: overflow))
            }
            if decoder.commentCount > keepAlives {
                keepAlives = decoder.commentCount
                emit(.keepAlive)
            }
            return ending == nil
        }
    }

    /// Records the response's `X-Generation-Id` (before the body's first piece).
    func noteGenerationID(_ id: String?) {
        lock.withLock {
            guard !closed else { return }
            for e in state.accumulator.noteGenerationID(id) { emit(e) }
        }
    }

    /// Progress so far: events and keep-alive comments seen.
    var progress: (events: Int, keepAlives: Int) {
        lock.withLock { (events, keepAlives) }
    }

    /// Stops decoding with `failure` unless it has already stopped; true if it took effect.
    func expire(_ failure: ReplyFailure) -> Bool {
        lock.withLock {
            guard !closed, ending == nil else { return false }
            ending = .failed(failure)
            return true
        }
    }

    /// Stops decoding and returns what the attempt has seen, and why it stopped early (if it did).
    func close() -> (state: AttemptState, ending: Ending?) {
        lock.withLock {
            if !closed {
                closed = true
                _ = decoder.finish()
            }
            return (state, ending)
        }
    }

    static func failure(for overflow: SSEDecoder.Overflow) -> ReplyFailure {
        let message = switch overflow {
        case .line(let limit): "the server sent a stream line longer than Prism's \(LimitText.bytes(limit)) limit"
        case .event(let limit): "the server sent a stream event larger than Prism's \(LimitText.bytes(limit)) limit"
        }
        return ReplyFailure(kind: .protocolViolation, message: message)
    }
}
