import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends redacted lines to one log file, serialising writers with a lock.
///
/// Shared by every `FileLogHandler` made from the same bootstrap so secrets registered
/// later apply to all of them. The file is opened with `O_APPEND` (so two Prism
/// processes do not overwrite each other) on the first write, inside a 0700 folder
/// with mode 0600. Failures are swallowed: logging must never reach the terminal.
final class LogFileWriter: @unchecked Sendable {
    let url: URL
    private let lock = NSLock()
    private var redactor: Redactor
    private var descriptor: Int32 = -1
    private var openFailed = false

    init(url: URL, redactor: Redactor) {
        self.url = url
        self.redactor = redactor
    }

    deinit {
        if descriptor >= 0 { _ = close(descriptor) }
    }

    func addSecret(_ secret: String) {
        lock.lock()
        defer { lock.unlock() }
        redactor.add(secret)
    }

    /// Redacts `line`, adds a newline and appends it.
    func write(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        guard openIfNeeded() else { return }
        var bytes = Data(redactor.redact(line).utf8)
        bytes.append(UInt8(ascii: "\n"))
        try? PosixFile.writeAll(descriptor, bytes)  // a log that cannot be written is not worth failing for
    }

    private func openIfNeeded() -> Bool {
        if descriptor >= 0 { return true }
        if openFailed { return false }
        let folder = url.deletingLastPathComponent()
        do {
            try PosixFile.makeFolder(folder.path)
        } catch {
            openFailed = true
            return false
        }
        descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            openFailed = true
            return false
        }
        _ = fchmod(descriptor, 0o600)
        return true
    }
}
