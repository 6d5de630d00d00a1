#if canImport(Glibc)
import Glibc
#endif
import CNcursesw
import CTermSupport
import PrismTerminal

/// The terminal through ncursesw: the only code in Prism that calls curses.
///
/// One thread (the UI thread) creates it, calls `start()`, and then owns every call
/// except `wake()` (and `waker`, which may be handed to other threads). Curses runs on
/// `/dev/tty` in raw mode, so Ctrl-C, Ctrl-Q, Ctrl-S and Ctrl-Z arrive as keys and the app
/// decides what they mean; `suspendToShell()` does what Ctrl-Z normally would. The
/// terminal is restored by `shutdown()`, and also when the process dies of SIGTERM,
/// SIGHUP, SIGINT or a crash signal (see `CTermSupport`).
public final class CursesBackend: TerminalBackend {
    let environment: [String: String]
    let enableMouse: Bool
    let wakeSignal: WakeSignal

    var device: TerminalDevice?
    var screen: OpaquePointer?
    var painter = CursesPainter(support: .none, pairs: ColorPairCache(capacity: 0))
    var decoder = InputDecoder()
    var previousFrame: Frame?
    var needsFullRedraw = true
    var cursorVisible = false
    var pendingEvents: [InputEvent] = []
    var isSuspended = false
    var isShutDown = false

    public private(set) var colorSupport: ColorSupport = .none

    /// Prepares a backend without touching the terminal yet.
    ///
    /// `environment` supplies `TERM`, `COLORTERM`, `NO_COLOR` (nil reads the process
    /// environment). With `enableMouse`, the wheel and clicks are reported, which means the
    /// terminal's own selection needs Shift held.
    public init(environment: [String: String]? = nil, enableMouse: Bool = true) throws(CursesBackendError) {
        self.environment = environment ?? Self.processEnvironment()
        self.enableMouse = enableMouse
        self.wakeSignal = try WakeSignal()
    }

    deinit {
        shutdown()
    }

    /// A handle that wakes `readEvents` from any thread.
    public var waker: TerminalWaker { TerminalWaker(signal: wakeSignal) }

    /// The screen size curses reports (it follows resizes once `readEvents` has seen them).
    public var size: Size {
        guard screen != nil else { return Size(width: 0, height: 0) }
        return Size(width: Int(prism_cols()), height: Int(prism_lines()))
    }

    /// Takes over the terminal: alternate screen, raw keys, mouse, bracketed paste, colours.
    public func start() throws(CursesBackendError) {
        guard screen == nil, !isShutDown else { return }
        TerminalLocale.ensureUTF8()
        let device = try TerminalDevice()
        _ = prism_term_save_modes(device.fd)
        let term = environment["TERM"]
        let created: OpaquePointer? = term.map { newterm($0, device.output, device.input) }
            ?? newterm(nil, device.output, device.input)
        guard let created else {
            device.closeFiles()
            throw .unknownTerminal(term ?? "")
        }
        self.device = device
        self.screen = created
        set_term(created)

        let window = prism_stdscr()
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        cursorVisible = false

        // COLORS is only known after start_color; NO_COLOR means we never start colour at all.
        let wantsColor = ColorSupportDetection.detect(colors: 256, hasColors: has_colors(), environment: environment) != .none
        if wantsColor {
            start_color()
            use_default_colors()
        }
        colorSupport = ColorSupportDetection.detect(
            colors: wantsColor ? Int(prism_colors()) : 0, hasColors: has_colors(), environment: environment)
        painter = CursesPainter(support: colorSupport, pairs: ColorPairCache(capacity: Int(prism_color_pairs())))

        if enableMouse {
            mousemask(MouseDecoding.reportedEvents, nil)
            mouseinterval(0)
        }
        decoder = InputDecoder(extendedKeys: Self.modifiedKeyTable())
        TerminalRestore.install(wakeFD: wakeSignal.fd)
        device.write(TerminalRestore.bracketedPasteOn)
        needsFullRedraw = true
    }

    public func wake() {
        waker.wake()
    }

    /// Hands the terminal back (for `$EDITOR`): the shell's modes and the main screen return.
    public func suspend() {
        guard screen != nil, !isSuspended, !isShutDown else { return }
        device?.write(TerminalRestore.bracketedPasteOff)
        prism_term_set_active(0)
        def_prog_mode()
        endwin()
        isSuspended = true
    }

    /// Takes the terminal again after `suspend()` and repaints everything on the next draw.
    public func resume() {
        guard screen != nil, isSuspended, !isShutDown else { return }
        isSuspended = false
        reset_prog_mode()
        prism_term_set_active(1)
        device?.write(TerminalRestore.bracketedPasteOn)
        // Whoever had the terminal may have left keypad transmit off (vim does on exit) while
        // curses still believes it on, and would then never send it again: send it ourselves.
        // The mouse modes come back with the next refresh (ncurses resumes them).
        device?.write(TerminalRestore.capability("smkx") ?? [])
        if let fd = device?.fd {
            var rows: Int32 = 0, cols: Int32 = 0
            // A resize while we were stopped sent no SIGWINCH to us: look for ourselves.
            if prism_term_window_size(fd, &rows, &cols) == 0, is_term_resized(rows, cols) {
                resizeterm(rows, cols)
                pendingEvents.append(.resize(size))
            }
        }
        needsFullRedraw = true
        clearok(prism_stdscr(), true)
        wrefresh(prism_stdscr())
    }

    /// Hands the terminal to a program (the editor) as the foreground job until it ends,
    /// then takes it back and repaints everything on the next draw.
    ///
    /// The program gets its own process group, which becomes the terminal's foreground
    /// group, so it can read keys and set modes without being stopped by SIGTTIN/SIGTTOU,
    /// and Ctrl-C or Ctrl-Z reach it rather than us (see `prism_run_in_foreground`).
    public func runProgram(_ arguments: [String]) -> ProgramExit {
        guard let path = arguments.first else { return .notStarted(errno: ENOENT) }
        guard screen != nil, !isShutDown else { return .notStarted(errno: ENOTTY) }
        suspend()
        defer { resume() }
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var result = prism_child_result()
        let started = prism_run_in_foreground(device?.fd ?? -1, path, argv, &result)
        if started != 0 { return .notStarted(errno: result.start_error) }
        return result.signal != 0 ? .killed(signal: result.signal) : .exited(status: result.exit_status)
    }

    /// Does what Ctrl-Z does in a cooked terminal: suspend, stop the process, and resume when continued.
    ///
    /// Queues `.resumed` so the app repaints. If the process group is orphaned (no shell
    /// to continue us), the stop is discarded by the kernel and this returns at once.
    public func suspendToShell() {
        guard screen != nil, !isSuspended, !isShutDown else { return }
        suspend()
        prism_term_stop_self()
        resume()
        pendingEvents.append(.resumed)
    }

    /// Puts text on the clipboard with OSC 52 (see `ClipboardSequence` for tmux).
    public func copyToClipboard(_ text: String) {
        guard screen != nil, !isShutDown else { return }
        device?.write(ClipboardSequence.osc52(text))
    }

    /// Restores the terminal for good. Safe to call more than once.
    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        guard let screen else { return }
        if !isSuspended {
            device?.write(TerminalRestore.bracketedPasteOff)
            if enableMouse { mousemask(0, nil) }
            curs_set(1)
            endwin()
        }
        prism_term_set_active(0)
        prism_term_uninstall_handlers()
        delscreen(screen)
        self.screen = nil
        device?.closeFiles()
        device = nil
    }

    /// Codes curses assigned to modified keys its terminfo entry knows (`kUP5` is Ctrl+Up).
    private static func modifiedKeyTable() -> [Int32: Key] {
        var table: [Int32: Key] = [:]
        for (name, code) in CursesKeyCodes.modifiableKeyNames {
            for parameter in 2...8 {
                guard let definition = tigetstr(name + String(parameter)), Int(bitPattern: definition) != -1 else { continue }
                let keyCode = key_defined(definition)
                if keyCode > 0 {
                    table[keyCode] = Key(code, CursesKeyCodes.modifiers(xtermParameter: parameter))
                }
            }
        }
        return table
    }

    private static func processEnvironment() -> [String: String] {
        var values: [String: String] = [:]
        for name in ["TERM", "COLORTERM", "NO_COLOR", "TMUX"] {
            if let value = getenv(name) { values[name] = String(cString: value) }
        }
        return values
    }
}

extension CursesBackend {
    /// Names the calling thread for the kernel, so `top -H`, `ps -L` and `perf` show it
    /// (Foundation's `Thread.name` never reaches the kernel). At most 15 bytes are kept.
    public static func nameCurrentThread(_ name: String) {
        prism_name_current_thread(name)
    }
}
