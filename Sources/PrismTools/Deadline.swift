import Foundation

/// Runs work that does not stop by itself when its task is cancelled (an SDK request waits
/// on a task of its own), racing it against a deadline and the caller's cancellation.
enum Deadline {
    enum Reason: Sendable { case timedOut, cancelled }

    /// The deadline passed first; `message` says what did not finish in time.
    struct TimedOut: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Returns `body`'s result, or, when `seconds` pass or the caller is cancelled first,
    /// calls `abandon` (which must make `body` finish, e.g. by cancelling the request) and
    /// throws `CancellationError` or `TimedOut(timeout)`.
    static func run<T: Sendable>(
        seconds: Double, timeout: String,
        abandon: @escaping @Sendable (Reason) async -> Void,
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let outcome: T? = try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                return nil
            }
            if let first = try await group.next(), let value = first {
                group.cancelAll()
                return value
            }
            await abandon(Task.isCancelled ? .cancelled : .timedOut)
            group.cancelAll()
            while (try? await group.next()) != nil {}
            return nil
        }
        if let outcome { return outcome }
        if Task.isCancelled { throw CancellationError() }
        throw TimedOut(message: timeout)
    }
}
