/// Why the curses backend could not take over the terminal.
public enum CursesBackendError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Neither `/dev/tty` nor stdin/stdout is a terminal.
    case noTerminal
    /// curses does not know the terminal type (`TERM`).
    case unknownTerminal(String)
    /// The wake-up descriptor could not be created.
    case eventFD

    public var description: String {
        switch self {
        case .noTerminal: return "not running in a terminal"
        case .unknownTerminal(let term): return "unknown terminal type '\(term)' (set TERM, e.g. xterm-256color)"
        case .eventFD: return "could not create an eventfd"
        }
    }
}
