#if canImport(Glibc)
import Glibc
#endif
import CTermSupport

/// Wakes the UI thread's `readEvents` from any thread.
///
/// The backend itself belongs to the UI thread; this small Sendable handle is what
/// network tasks and timers keep. It writes an eventfd that `readEvents` polls next to
/// the terminal, so an idle UI sleeps in `poll` with no timer ticking.
public struct TerminalWaker: Sendable {
    let signal: WakeSignal

    /// Makes the current or next `readEvents` return promptly.
    public func wake() {
        prism_eventfd_signal(signal.fd)
    }
}

/// Owns the eventfd; closed when the backend and every waker are gone.
final class WakeSignal: Sendable {
    let fd: Int32

    init() throws(CursesBackendError) {
        let fd = prism_eventfd_create()
        guard fd >= 0 else { throw .eventFD }
        self.fd = fd
    }

    deinit {
        _ = Glibc.close(fd)
    }
}
