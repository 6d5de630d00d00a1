#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Blocking reads and writes on one connected socket, interruptible by the peer or by server shutdown.
///
/// Why: every wait (a delay between chunks, a stall, reading the request) must end as soon
/// as the client hangs up (so the disconnect can be recorded with its time) or `stop()` runs.
final class SocketIO {
    /// Why a wait or a read ended early.
    enum Interruption: Error {
        case clientClosed
        case serverStopped
    }

    let fd: Int32
    private let isStopping: () -> Bool

    init(fd: Int32, isStopping: @escaping () -> Bool) {
        self.fd = fd
        self.isStopping = isStopping
        #if canImport(Darwin)
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    /// Reads at most `max` bytes, waiting as long as needed; throws when the peer closes or the server stops.
    func read(max: Int = 65536) throws(Interruption) -> [UInt8] {
        while true {
            try waitReadable(deadline: nil)
            var buffer = [UInt8](repeating: 0, count: max)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, max, 0) }
            if count > 0 { return Array(buffer[0..<count]) }
            if count < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            throw isStopping() ? .serverStopped : .clientClosed
        }
    }

    /// Writes every byte (MSG_NOSIGNAL: a departed client must not raise SIGPIPE).
    func write(_ bytes: [UInt8]) throws(Interruption) {
        var offset = 0
        while offset < bytes.count {
            if isStopping() { throw .serverStopped }
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, bytes.count - offset, Self.sendFlags)
            }
            if sent > 0 {
                offset += sent
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                throw isStopping() ? .serverStopped : .clientClosed
            }
        }
    }

    func write(_ text: String) throws(Interruption) {
        try write(Array(text.utf8))
    }

    /// Sleeps `seconds`, but throws as soon as the client closes (incoming bytes are discarded) or the server stops.
    func pause(_ seconds: TimeInterval) throws(Interruption) {
        let deadline = Date().addingTimeInterval(max(0, seconds))
        while Date() < deadline {
            try waitReadable(deadline: deadline)
            try drainOrThrow()
        }
    }

    /// Waits until the client closes (throws `.clientClosed`) or the server stops (throws `.serverStopped`).
    func waitForClose() throws(Interruption) {
        while true {
            try waitReadable(deadline: nil)
            try drainOrThrow()
        }
    }

    /// Reads whatever is pending; a read of 0 or an error means the client has gone.
    private func drainOrThrow() throws(Interruption) {
        var pending = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pending, 1, 0) > 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, 4096, 0) }
        if count > 0 || (count < 0 && (errno == EINTR || errno == EAGAIN)) { return }
        throw isStopping() ? .serverStopped : .clientClosed
    }

    /// Returns when the socket is readable (data, EOF or error) or `deadline` passes; polls in
    /// short slices so a server stop is noticed even if shutdown did not wake `poll`.
    private func waitReadable(deadline: Date?) throws(Interruption) {
        while true {
            if isStopping() { throw .serverStopped }
            var slice = 100
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { return }
                slice = min(slice, max(1, Int((left * 1000).rounded(.up))))
            }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&entry, 1, Int32(slice))
            if ready > 0 {
                if entry.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 { return }
            } else if ready < 0 && errno != EINTR {
                throw isStopping() ? .serverStopped : .clientClosed
            }
        }
    }

    /// Half-closes then closes. Whether the client sees a clean end or a lost connection
    /// depends only on whether the chunked terminator was written before.
    func close() {
        shutdown(fd, Int32(SHUT_WR))
        _ = Self.systemClose(fd)
    }

    private static func systemClose(_ fd: Int32) -> Int32 {
        #if canImport(Glibc)
        Glibc.close(fd)
        #else
        Darwin.close(fd)
        #endif
    }

    #if canImport(Glibc)
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #else
    static let sendFlags: Int32 = 0
    #endif
}
