import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to stdout and stderr, and what they are connected to.
enum StandardIO {
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// Writes text to stdout at once; false when the reader has gone (closed pipe).
    @discardableResult
    static func out(_ text: String) -> Bool {
        write(text, to: STDOUT_FILENO)
    }

    /// Writes one line to stderr.
    static func error(_ line: String) {
        write(line.hasSuffix("\n") ? line : line + "\n", to: STDERR_FILENO)
    }

    /// Writes to stderr without a newline.
    static func errorRaw(_ text: String) {
        write(text, to: STDERR_FILENO)
    }

    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// Everything piped to stdin, or nil when stdin is a terminal (nothing piped).
    static func readPipedInput() -> String? {
        guard !stdinIsTerminal else { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard !data.isEmpty else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
