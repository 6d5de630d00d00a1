import Foundation
import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// Turns Ctrl-C, SIGTERM and SIGHUP into "stop the replies, keep and save what arrived".
///
/// The command's stream loop then ends normally with each reply marked cancelled, so
/// `--save` writes everything before the process exits (130 for Ctrl-C, 128 plus the
/// signal for the others, as a shell reports a death by signal). The same signal again
/// means "now": the process exits at once, and the reply journals keep the text.
final class SignalWatcher: @unchecked Sendable {
    static let watched: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private let sources: [any DispatchSourceSignal]
    private let lock = NSLock()
    private var received: Int32?

    init(onSignal: @escaping @Sendable () -> Void) {
        Glibc.signal(SIGPIPE, SIG_IGN)
        var sources: [any DispatchSourceSignal] = []
        for number in Self.watched {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            sources.append(source)
        }
        self.sources = sources
        for (source, number) in zip(sources, Self.watched) {
            source.setEventHandler { [unowned self] in
                let again: Bool = lock.withLock {
                    defer { if received == nil { received = number } }
                    return received != nil
                }
                if again { Foundation.exit(Self.exitStatus(for: number)) }
                onSignal()
            }
            source.resume()
        }
    }

    /// The first signal that arrived, if any.
    var firstSignal: Int32? { lock.withLock { received } }

    /// How a reply stopped by the signal is marked, and the exit status: Ctrl-C is a plain
    /// cancel (130), SIGTERM and SIGHUP an interruption (143, 129).
    var note: ReplyFailureNote? {
        guard let number = firstSignal else { return nil }
        let message = number == SIGINT ? ReplyFailure.cancelled.message : ReplyFailure.interrupted(bySignal: number).message
        return ReplyFailureNote(message: message, status: Self.exitStatus(for: number))
    }

    func stop() {
        for source in sources { source.cancel() }
        for number in Self.watched { Glibc.signal(number, SIG_DFL) }
    }

    static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }
}

/// What to write on a reply interrupted by a signal, and the exit status that goes with it.
struct ReplyFailureNote {
    var message: String
    var status: Int32
}
