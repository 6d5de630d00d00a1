#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import CTermSupport

/// Prepares the emergency restore that runs inside signal handlers.
///
/// A signal handler may not call curses or allocate, so at start-up we compute the bytes
/// that undo our screen modes (attributes off, mouse and bracketed paste off, keypad
/// transmit off, cursor shown, alternate screen left) and hand them, with the terminal
/// modes saved before curses changed them, to the C side (`CTermSupport`).
enum TerminalRestore {
    static let bracketedPasteOn = "\u{1B}[?2004h"
    static let bracketedPasteOff = "\u{1B}[?2004l"
    static let mouseOff = "\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l\u{1B}[?1015l"

    /// The restore bytes for the current terminal (curses must be set up).
    static func bytes() -> [UInt8] {
        var out: [UInt8] = []
        out += capability("sgr0") ?? Array("\u{1B}[0m".utf8)
        out += Array(mouseOff.utf8)
        out += Array(bracketedPasteOff.utf8)
        out += capability("rmkx") ?? []
        out += capability("cnorm") ?? Array("\u{1B}[?25h".utf8)
        out += capability("rmcup") ?? []
        return out
    }

    /// Installs the signal handlers, with `wakeFD` written on every SIGWINCH.
    static func install(wakeFD: Int32) {
        let restore = bytes()
        restore.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { prism_term_set_restore_bytes($0.baseAddress, $0.count) }
        }
        prism_term_set_active(1)
        _ = prism_term_install_handlers(wakeFD)
    }

    /// A terminfo string capability without its padding (`$<5>`), or nil if the terminal lacks it.
    static func capability(_ name: String) -> [UInt8]? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        return stripPadding(Array(String(cString: value).utf8))
    }

    static func stripPadding(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "<"),
               let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: ">")) {
                i = close + 1
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}

extension CursesBackend {
    /// Ends the process by `signal` with its default action, so the shell sees how it
    /// ended (143 for SIGTERM); the terminal is restored first if curses still has it.
    /// For after the app saved everything a termination signal asked it to.
    public static func die(bySignal signal: Int32) -> Never {
        prism_term_die_by(signal)
        exit(128 + signal)  // not reached: the signals that end the app end the process by default
    }
}
