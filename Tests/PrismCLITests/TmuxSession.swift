import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// glibc's "close every descriptor from this one up" spawn action (glibc 2.34+), not in Swift's Glibc module.
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnActionsCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Int32

/// Drives a program in a private tmux server, as a person at a terminal would.
///
/// Each instance uses its own socket (`tmux -L`), so tests never touch the user's
/// tmux sessions and can run side by side.
final class TmuxSession {
    let socket = "prism-test-\(UUID().uuidString.prefix(8))"
    let name = "prism"

    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Runs a tmux command with posix_spawn and waitpid.
    ///
    /// Foundation's `Process` is not used here: the first command starts the tmux
    /// server, which inherits descriptors Foundation uses to notice the child's exit,
    /// and the wait then never ends.
    @discardableResult
    func tmux(_ args: [String], output: Bool = false) throws -> String {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EIO) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if output {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        // The tmux server outlives this call: it must not inherit pipes that other tests
        // are reading to the end (it would hold them open, and those reads would hang).
        _ = spawnActionsCloseFrom(&actions, 3)
        let argv = (["tmux", "-L", socket] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw POSIXError(.ENOENT)
        }
        var data = Data()
        if output {
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n <= 0 { break }
                data.append(contentsOf: buffer[0..<n])
            }
        }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Starts `command` (a shell command line) in a detached session of the given size.
    func start(_ command: String, width: Int = 120, height: Int = 40, environment: [String: String]) throws {
        let exports = environment.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        try tmux(["new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
                  "env -i \(exports) \(command); sleep 30"])
    }

    /// Starts the built `prism` with the test process's folders and key, in a 256-colour terminal.
    func startPrism(_ p: PrismProcess, arguments: String = "") throws {
        var env = p.environment
        env["TERM"] = "tmux-256color"
        try start(PrismProcess.binary.path + (arguments.isEmpty ? "" : " " + arguments), environment: env)
    }

    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name], output: true) }

    /// Waits until the screen satisfies `condition`; returns the last screen either way.
    @discardableResult
    func wait(for what: String, timeout: TimeInterval = 15, _ condition: (String) -> Bool) throws -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return (true, settled(last, condition)) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        print("timed out waiting for \(what); screen:\n\(last)")
        return (false, last)
    }

    /// The screen once its frame has finished painting: a capture can land halfway through
    /// one (a box drawn, its rows not yet), so it is captured again until two agree. A
    /// spinner or clock may keep changing it: then the newest that still meets the condition.
    private func settled(_ first: String, _ condition: (String) -> Bool) -> String {
        var shown = first
        for _ in 0..<5 {
            Thread.sleep(forTimeInterval: 0.05)
            guard let next = try? screen(), condition(next) else { return shown }
            if next == shown { return next }
            shown = next
        }
        return shown
    }

    func kill() {
        _ = try? tmux(["kill-server"])
    }
}
