import Foundation

/// A terminal backend without a terminal, for tests and for driving the event loop.
///
/// Tests feed it input with `enqueue` and `resize(to:)` and read back what was drawn
/// (`lastFrame`, how many draws, how many cells each draw changed). It keeps the
/// protocol's threading contract for real: `readEvents` blocks on a condition
/// variable, and `wake()` or `enqueue` from any thread ends the wait. All state is
/// guarded by that condition's lock, so tests may inspect it from any thread.
public final class HeadlessBackend: TerminalBackend, @unchecked Sendable {
    private let condition = NSCondition()
    private var _size: Size
    private var queue: [InputEvent] = []
    private var woken = false
    private var _lastFrame: Frame?
    private var _drawCount = 0
    private var _wakeCount = 0
    private var _lastChangedCells = 0
    private var _totalChangedCells = 0
    private var _clipboard: [String] = []
    private var _isSuspended = false
    private var _suspendCount = 0
    private var _resumeCount = 0
    private var _isShutDown = false
    private var _programs: [[String]] = []

    public let colorSupport: ColorSupport

    public init(size: Size, colorSupport: ColorSupport = .truecolor) {
        _size = size
        self.colorSupport = colorSupport
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    // MARK: Driving it from a test

    /// Queues input as if the user typed it, and ends a `readEvents` that is waiting.
    public func enqueue(_ events: [InputEvent]) {
        locked {
            queue.append(contentsOf: events)
            condition.broadcast()
        }
    }

    /// Queues one input event.
    public func enqueue(_ event: InputEvent) { enqueue([event]) }

    /// Changes the size, as a terminal window resize would, and queues `.resize`.
    public func resize(to size: Size) {
        locked {
            _size = size
            queue.append(.resize(size))
            condition.broadcast()
        }
    }

    // MARK: What it saw

    /// The last frame drawn, or nil before the first draw.
    public var lastFrame: Frame? { locked { _lastFrame } }
    /// How many times `draw` was called.
    public var drawCount: Int { locked { _drawCount } }
    /// How many times `wake()` was called (other threads waking the loop).
    public var wakeCount: Int { locked { _wakeCount } }
    /// How many cells the last draw changed (by `FrameDiff`); a first draw changes every cell.
    public var lastChangedCells: Int { locked { _lastChangedCells } }
    /// How many cells all draws together changed.
    public var totalChangedCells: Int { locked { _totalChangedCells } }
    /// Every text put on the clipboard, oldest first.
    public var clipboard: [String] { locked { _clipboard } }
    /// Between `suspend()` and `resume()`.
    public var isSuspended: Bool { locked { _isSuspended } }
    public var suspendCount: Int { locked { _suspendCount } }
    public var resumeCount: Int { locked { _resumeCount } }
    /// The argument lists `runProgram` was given, oldest first.
    public var programs: [[String]] { locked { _programs } }
    /// After `shutdown()`.
    public var isShutDown: Bool { locked { _isShutDown } }
    /// Input queued and not read yet.
    public var pendingEvents: [InputEvent] { locked { queue } }

    // MARK: TerminalBackend

    public var size: Size { locked { _size } }

    public func readEvents(timeout: Double?) -> [InputEvent] {
        condition.lock()
        defer { condition.unlock() }
        if queue.isEmpty, !woken {
            if let timeout {
                let deadline = Date(timeIntervalSinceNow: max(0, timeout))
                while queue.isEmpty, !woken, condition.wait(until: deadline) {}
            } else {
                while queue.isEmpty, !woken { condition.wait() }
            }
        }
        woken = false
        let events = queue
        queue.removeAll()
        return events
    }

    public func wake() {
        locked {
            _wakeCount += 1
            woken = true
            condition.broadcast()
        }
    }

    public func draw(_ frame: Frame) {
        locked {
            let changed = FrameDiff.cellCount(FrameDiff.changes(from: _lastFrame, to: frame))
            _lastFrame = frame
            _drawCount += 1
            _lastChangedCells = changed
            _totalChangedCells += changed
        }
    }

    public func suspend() {
        locked {
            _isSuspended = true
            _suspendCount += 1
        }
    }

    public func resume() {
        locked {
            _isSuspended = false
            _resumeCount += 1
        }
    }

    /// Runs the program for real, without a terminal: stdin, stdout and stderr are
    /// `/dev/null` (so a test's "editor" is a script), between a suspend and a resume.
    public func runProgram(_ arguments: [String]) -> ProgramExit {
        locked { _programs.append(arguments) }
        suspend()
        defer { resume() }
        guard let path = arguments.first else { return .notStarted(errno: ENOENT) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { return .notStarted(errno: spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .notStarted(errno: errno) }
        }
        // WIFEXITED and friends are macros Swift cannot see; the layout is Linux's.
        let signal = status & 0x7F
        return signal == 0 ? .exited(status: (status >> 8) & 0xFF) : .killed(signal: signal)
    }

    /// Records a suspend and a resume, as a stop and `fg` would.
    public func suspendToShell() {
        suspend()
        resume()
        enqueue([.resumed])
    }

    public func copyToClipboard(_ text: String) {
        locked { _clipboard.append(text) }
    }

    public func shutdown() {
        locked { _isShutDown = true }
    }
}
