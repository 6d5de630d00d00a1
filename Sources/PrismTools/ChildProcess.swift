import Foundation
import PrismCore
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("pipe2")
private func makePipe(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32

@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnActionsCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

@_silgen_name("posix_spawn_file_actions_addchdir_np")
private func spawnActionsChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: UnsafePointer<CChar>) -> Int32

/// A program Prism started with posix_spawn, its three pipes, and a thread that reaps it.
///
/// Our ends of the pipes are close-on-exec and every other descriptor is closed in the
/// child, so the write end of a server's stdin is held by this process alone: when Prism
/// exits, however it exits (kill -9 included), the server reads EOF on stdin, which ends
/// a stdio MCP server. The child stays in Prism's process group, so a Ctrl-C at a shell
/// reaches it too. Foundation's `Process` is not used: it leaves pipe ends inheritable
/// by the next child, which would keep one server's stdin open through another.
final class ChildProcess: @unchecked Sendable {
    let pid: pid_t
    /// Our end of the child's stdin (write), stdout (read) and stderr (read).
    let stdinFD: Int32
    let stdoutFD: Int32
    let stderrFD: Int32

    private let lock = NSLock()
    private var status: Int32?
    private var stdinOpen = true
    private var exitHandler: (@Sendable (Int32) -> Void)?

    private init(pid: pid_t, stdin: Int32, stdout: Int32, stderr: Int32) {
        self.pid = pid
        stdinFD = stdin
        stdoutFD = stdout
        stderrFD = stderr
    }

    /// Starts `command` (looked up in `PATH` when it has no `/`) with `arguments`, exactly
    /// `environment`, in `directory` when given. Throws a one-line reason.
    static func spawn(command: String, arguments: [String], environment: [String: String], directory: String?) throws -> ChildProcess {
        // Writing to a server that has just exited must fail with EPIPE, not end Prism.
        signal(SIGPIPE, SIG_IGN)
        var fds: [[Int32]] = []
        defer { for pair in fds { for fd in pair where fd >= 0 { close(fd) } } }
        for _ in 0..<3 {
            var pair: [Int32] = [-1, -1]
            guard makePipe(&pair, O_CLOEXEC) == 0 else { throw ToolHostError("cannot make a pipe: \(String(cString: strerror(errno)))") }
            fds.append(pair)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0][0], 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1][1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[2][1], 2)
        _ = spawnActionsCloseFrom(&actions, 3)
        if let directory { _ = spawnActionsChdir(&actions, directory) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([command] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawnp(&pid, command, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ToolHostError("cannot start '\(command)': \(String(cString: strerror(result)))")
        }
        let child = ChildProcess(pid: pid, stdin: fds[0][1], stdout: fds[1][0], stderr: fds[2][0])
        // Ours to keep: the write end of stdin and the read ends of stdout and stderr.
        fds[0][1] = -1
        fds[1][0] = -1
        fds[2][0] = -1
        child.startReaper()
        return child
    }

    private func startReaper() {
        let thread = Thread { [self] in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
            finish(raw)
        }
        thread.name = "prism-mcp-reaper"
        thread.start()
    }

    private func finish(_ raw: Int32) {
        lock.lock()
        status = raw
        let handler = exitHandler
        lock.unlock()
        handler?(raw)
    }

    /// Calls `handler` (on the reaper thread) once the child has exited, or at once if it has.
    func onExit(_ handler: @escaping @Sendable (Int32) -> Void) {
        lock.lock()
        if let status {
            lock.unlock()
            handler(status)
            return
        }
        exitHandler = handler
        lock.unlock()
    }

    /// The raw wait status once the child has exited and been reaped.
    var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return status
    }

    /// Waits for the child to exit; nil if it is still running after `seconds`.
    func waitForExit(seconds: Double) async -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while exitStatus == nil && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        return exitStatus
    }

    /// Closes our end of the child's stdin: a stdio server's cue to exit.
    func closeStdin() {
        lock.lock()
        let wasOpen = stdinOpen
        stdinOpen = false
        lock.unlock()
        if wasOpen { close(stdinFD) }
    }

    /// Sends `signal` while the child has not been reaped (so the pid cannot be another process's).
    func send(_ signal: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if status == nil { kill(pid, signal) }
    }

    /// Stops the child: EOF on stdin, then SIGTERM, then SIGKILL, each after a short wait; reaped.
    func stop(grace: Double = 1) async {
        closeStdin()
        if await waitForExit(seconds: grace) != nil { return }
        send(SIGTERM)
        if await waitForExit(seconds: grace) != nil { return }
        send(SIGKILL)
        _ = await waitForExit(seconds: 5)
    }

    /// "exited with status 1" or "was killed by signal 9", from a raw wait status.
    static func describe(_ raw: Int32) -> String {
        let signal = raw & 0x7F
        if signal == 0 { return "exited with status \((raw >> 8) & 0xFF)" }
        return "was killed by signal \(signal)"
    }
}
