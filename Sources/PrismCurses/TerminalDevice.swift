#if canImport(Glibc)
import Glibc
#endif

/// The terminal curses talks to: `/dev/tty`, opened for reading and for writing.
///
/// We give curses `/dev/tty` rather than stdin/stdout so that redirecting the program's
/// output (`prism > log`) cannot draw the screen into a file, and so that the app keeps
/// stdout free. Only when there is no controlling terminal do we fall back to stdin and
/// stdout (duplicated, so closing ours leaves them alone), and only if both are terminals.
final class TerminalDevice {
    /// Where direct writes (bracketed paste, OSC 52) and the saved terminal modes go.
    let fd: Int32
    /// The descriptor `poll` watches for keys.
    let inputFD: Int32
    let input: UnsafeMutablePointer<FILE>
    let output: UnsafeMutablePointer<FILE>

    init() throws(CursesBackendError) {
        var readFD: Int32 = -1, writeFD = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        if writeFD >= 0 {
            readFD = dup(writeFD)
        } else if isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
            readFD = dup(STDIN_FILENO)
            writeFD = dup(STDOUT_FILENO)
        }
        guard readFD >= 0, writeFD >= 0, let output = fdopen(writeFD, "w"), let input = fdopen(readFD, "r") else {
            if readFD >= 0 { _ = Glibc.close(readFD) }
            if writeFD >= 0 { _ = Glibc.close(writeFD) }
            throw .noTerminal
        }
        self.fd = writeFD
        self.inputFD = readFD
        self.input = input
        self.output = output
    }

    /// Writes bytes straight to the terminal, after whatever curses has buffered.
    func write(_ bytes: [UInt8]) {
        fflush(output)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBufferPointer { buffer in
                Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }

    func write(_ text: String) { write(Array(text.utf8)) }

    func closeFiles() {
        fclose(input)
        fclose(output)
    }
}
