import Foundation

extension TmuxSession {
    /// The pid of the `prism` process running in the session's pane (a child of the pane's shell).
    func prismPID(timeout: TimeInterval = 10) throws -> Int32? {
        let shell = Int32(try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"], output: true)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let pid = Self.children(of: shell).first(where: { Self.command(of: $0) == "prism" }) { return pid }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// Processes whose parent is `parent`, read from /proc (no procps needed).
    static func children(of parent: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    static func command(of pid: Int32) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
