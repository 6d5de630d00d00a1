/// What the terminal can show.
public enum ColorSupport: Int, Comparable, Sendable {
    /// `NO_COLOR` or a monochrome terminal: attributes only.
    case none
    case ansi8
    case ansi16
    case indexed256
    case truecolor

    public static func < (a: ColorSupport, b: ColorSupport) -> Bool { a.rawValue < b.rawValue }
}

/// The screen and keyboard, as the app sees them.
///
/// One thread (the UI thread) owns the backend and calls everything except `wake()`.
/// The ncursesw backend is the only implementation that touches curses; the headless
/// one drives golden tests and the event loop without a terminal.
public protocol TerminalBackend: AnyObject {
    var size: Size { get }
    var colorSupport: ColorSupport { get }

    /// Waits until input arrives, `wake()` is called, or `timeout` seconds pass (nil waits
    /// indefinitely), and returns every input event available without blocking further.
    func readEvents(timeout: Double?) -> [InputEvent]

    /// Interrupts a `readEvents` in progress. Safe from any thread.
    func wake()

    /// Shows a frame, sending only the cells that differ from the previous one.
    func draw(_ frame: Frame)

    /// Gives the terminal back (for `$EDITOR`, or Ctrl-Z), then takes it again on `resume()`.
    func suspend()
    func resume()

    /// Gives the terminal to a program until it ends (`$EDITOR`): leaves the screen, runs
    /// `arguments` (the first is the executable's path, searched nowhere) as the terminal's
    /// foreground job with the terminal as its stdin, stdout and stderr, then takes the
    /// terminal back and repaints all of it on the next draw.
    func runProgram(_ arguments: [String]) -> ProgramExit

    /// Does what Ctrl-Z does: gives the terminal back, stops the process, and takes the
    /// terminal again when the shell continues it (`fg`).
    func suspendToShell()

    /// Puts text on the system clipboard through the terminal (OSC 52).
    func copyToClipboard(_ text: String)

    /// Restores the terminal for good. Idempotent.
    func shutdown()
}

/// How a program that had the terminal (`TerminalBackend.runProgram`) ended.
public enum ProgramExit: Sendable, Equatable {
    case exited(status: Int32)
    case killed(signal: Int32)
    /// It never ran: the errno of the failed start (`ENOENT`: no such file).
    case notStarted(errno: Int32)
}
