import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A process, told apart from a later one that reuses its pid.
///
/// The token is the boot id and the process's start time in clock ticks since boot
/// (`/proc/PID/stat`, field 22): a pid reused after a reboot or later in the same boot
/// has another token. A zombie (killed, not yet reaped) counts as dead.
public struct ProcessIdentity: Sendable, Equatable {
    public var pid: Int32
    public var token: String

    public init(pid: Int32, token: String) {
        self.pid = pid
        self.token = token
    }

    /// This process.
    public static let current = ProcessIdentity(pid: getpid(), token: token(of: getpid()) ?? "pid-\(getpid())")

    /// True while the process that made `identity` is running.
    public static func isAlive(_ identity: ProcessIdentity) -> Bool {
        if identity == current { return true }
        #if os(Linux)
        return token(of: identity.pid) == identity.token
        #else
        return kill(identity.pid, 0) == 0 || errno == EPERM
        #endif
    }

    /// The token of a running process, nil when there is none (or it is a zombie).
    public static func token(of pid: Int32) -> String? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is the state (field 3); field 22, the start time, is fields[19].
        guard fields.count > 19, fields[0] != "Z", fields[0] != "X" else { return nil }
        return "\(bootID)/\(fields[19])"
        #else
        return kill(pid, 0) == 0 || errno == EPERM ? "pid-\(pid)" : nil
        #endif
    }

    private static let bootID: String = {
        let raw = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "boot"
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }()
}
