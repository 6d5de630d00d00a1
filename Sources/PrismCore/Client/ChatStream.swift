import Foundation

/// A running chat completion: its events, and a way to stop it.
///
/// `cancel()` closes the connection at once; the stream then ends with a
/// `finished` event whose reply keeps the partial text and is marked cancelled.
/// Dropping the iterator cancels too.
public struct ChatStream: AsyncSequence, Sendable {
    public typealias Element = CompletionEvent

    let events: AsyncStream<CompletionEvent>
    let producer: Task<Void, Never>

    public func makeAsyncIterator() -> AsyncStream<CompletionEvent>.Iterator {
        events.makeAsyncIterator()
    }

    public func cancel() {
        producer.cancel()
    }

    /// Runs the stream to its end and returns the reply (for callers that need no events).
    public func reply() async -> Reply {
        var last = Reply()
        for await event in events {
            if case .finished(let reply) = event { last = reply }
        }
        return last
    }
}

/// A running chat completion started with a callback; `cancel()` stops it as
/// `ChatStream.cancel()` does (the callback still receives the final `.finished`).
public struct StreamHandle: Sendable {
    let task: Task<Void, Never>

    public func cancel() {
        task.cancel()
    }

    /// Waits until the final event has been delivered.
    public func wait() async {
        await task.value
    }
}
