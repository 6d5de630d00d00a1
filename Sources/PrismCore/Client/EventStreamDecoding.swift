import Foundation

/// Turns the pieces of one attempt's event-stream body into completion events, from
/// whichever thread delivers them (the transport's, or the attempt's task).
///
/// `close()` ends decoding under the same lock `feed` holds, so once the attempt has
/// closed it (cancelled, failed or finished), a piece still in flight changes nothing.
final class EventStreamDecoding: @unchecked Sendable {
    private let lock = NSLock()
    private var decoder = SSEDecoder()
    private var keepAlives = 0
    private var state: AttemptState
    private var closed = false
    private let emit: @Sendable (CompletionEvent) -> Void

    init(state: AttemptState, emit: @escaping @Sendable (CompletionEvent) -> Void) {
        self.state = state
        self.emit = emit
    }

    /// Decodes one piece of the body and emits the events it completes.
    func feed(_ piece: Data) {
        lock.withLock {
            guard !closed else { return }
            for event in decoder.feed(piece) {
                let events = state.accumulator.consume(data: event.data)
                if state.firstToken == nil, state.accumulator.receivedFirstToken {
                    state.firstToken = ContinuousClock().now
                }
                for e in events { emit(e) }
            }
            if decoder.commentCount > keepAlives {
                keepAlives = decoder.commentCount
                emit(.keepAlive)
            }
        }
    }

    /// Stops decoding and returns what the attempt has seen.
    func close() -> AttemptState {
        lock.withLock {
            if !closed {
                closed = true
                _ = decoder.finish()
            }
            return state
        }
    }
}
