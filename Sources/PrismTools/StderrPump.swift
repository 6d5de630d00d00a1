import Foundation
import Logging
import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a server's stderr on its own thread and writes each line to Prism's log with the
/// server's name, never to the terminal; keeps the last line for the exit message.
///
/// Each line is redacted (servers print their own tokens) and made one clean line (a log
/// read with `cat` or `tail -f` must not replay a server's escape sequences) before it is
/// logged or kept.
final class StderrPump: @unchecked Sendable {
    private let lock = NSLock()
    private var last: String?
    private var ended = false
    private let redactor: Redactor

    init(fd: Int32, server: String, logger: Logger, redactor: Redactor) {
        self.redactor = redactor
        let thread = Thread { [self] in
            var pending = Data()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending.append(contentsOf: buffer[0..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    emit(pending[pending.startIndex..<newline], server: server, logger: logger)
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            if !pending.isEmpty { emit(pending[...], server: server, logger: logger) }
            close(fd)
            lock.lock()
            ended = true
            lock.unlock()
        }
        thread.name = "prism-mcp-stderr"
        thread.start()
    }

    private func emit(_ bytes: Data, server: String, logger: Logger) {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let line = TerminalSanitizer.metadata(redactor.redact(text))
        guard !line.isEmpty else { return }
        logger.info("stderr: \(line)", metadata: ["server": "\(server)"])
        lock.lock()
        last = line
        lock.unlock()
    }

    /// The last non-empty line once stderr has ended (waiting up to `seconds` for the end).
    func lastLine(waiting seconds: Double) async -> String? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if lock.withLock({ ended }) { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return lock.withLock { last }
    }
}
