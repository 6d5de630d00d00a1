import Foundation
import Testing

/// The real MCP servers `.ci/run` installs from PyPI (`mcp-server-time`, `mcp-server-git`),
/// set up for one `prism` under test: a git repository with one commit, and config.toml
/// naming both servers. Each server is started through a link inside the test's own home,
/// so its command line names that folder and the test can find exactly its own processes.
struct RealToolServers {
    /// The commit message of the repository's only commit: text no server could make up.
    static let commitMessage = "Prism e2e: quince marmalade 7741"

    let repo: URL
    let links: URL

    /// The venv's `bin` folder; nil (with a printed reason) when `PRISM_MCP_VENV` is unset,
    /// a recorded failure in CI, where `.ci/run` must have set it.
    static func venvBin() -> String? {
        let environment = ProcessInfo.processInfo.environment
        guard let venv = environment["PRISM_MCP_VENV"], !venv.isEmpty else {
            if environment["CI"] == "true" {
                Issue.record("PRISM_MCP_VENV is not set: .ci/run must install mcp-server-time and mcp-server-git")
            } else {
                print("skipping the chat screen's real tool server tests: PRISM_MCP_VENV is not set (bash .ci/run sets it up)")
            }
            return nil
        }
        return venv + "/bin"
    }

    /// Makes the repository and the links to the servers in the venv's `bin` under `home`.
    static func make(in home: URL, bin: String) throws -> RealToolServers {
        let repo = home.appendingPathComponent("repo"), links = home.appendingPathComponent("bin")
        let files = FileManager.default
        try files.createDirectory(at: repo, withIntermediateDirectories: true)
        try files.createDirectory(at: links, withIntermediateDirectories: true)
        for name in ["mcp-server-time", "mcp-server-git"] {
            try files.createSymbolicLink(atPath: links.appendingPathComponent(name).path, withDestinationPath: bin + "/" + name)
        }
        try "hello\n".write(to: repo.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try git(repo, "init", "-q", "-b", "main")
        try git(repo, "add", "a.txt")
        try git(repo, "-c", "user.name=Prism Test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", commitMessage)
        return RealToolServers(repo: repo, links: links)
    }

    /// config.toml for a chat with `stub/agent` and both servers.
    var config: String {
        """
        model = "stub/agent"

        [mcp.servers.time]
        command = "\(links.path)/mcp-server-time"
        args = ["--local-timezone", "UTC"]

        [mcp.servers.git]
        command = "\(links.path)/mcp-server-git"
        args = ["--repository", "\(repo.path)"]
        """
    }

    /// What to type to have `stub/agent` call `git_log` on the repository.
    var gitLogCall: String { "use git_log {\"repo_path\": \"\(repo.path)\"}" }

    /// Pids of this test's MCP servers still alive (read from /proc: procps is not needed).
    func running() -> [Int32] {
        let home = links.deletingLastPathComponent().path
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let line = String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(home) && line.contains("mcp-server-")
        }
    }

    /// Waits until `count(running())` satisfies `condition`; the last count either way.
    @discardableResult
    func waitForServers(timeout: TimeInterval = 10, _ condition: (Int) -> Bool) -> (ok: Bool, count: Int) {
        let deadline = Date().addingTimeInterval(timeout)
        var count = running().count
        while !condition(count), Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
            count = running().count
        }
        return (condition(count), count)
    }

    private static func git(_ repo: URL, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", repo.path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
    }
}

extension PrismProcess {
    /// The session file prism saved (the journal aside), parsed; nil when there is not exactly one.
    func savedSession() -> (object: [String: Any], text: String)? {
        let files = writtenFiles().filter { $0.path.contains("/sessions/") && !$0.path.contains("/journal/") && $0.path.hasSuffix(".json") }
        guard files.count == 1, let object = (try? JSONSerialization.jsonObject(with: files[0].data)) as? [String: Any] else { return nil }
        return (object, String(decoding: files[0].data, as: UTF8.self))
    }
}
