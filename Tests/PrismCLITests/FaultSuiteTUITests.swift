import Foundation
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The fault suite for the chat screen (tmux) and for state files and two writers.
extension ProcessSuites {
    @Suite("Fault suite: chat screen, two writers, damaged state files", .serialized)
    struct FaultSuiteTUITests {
        /// The chat screen killed or signalled at a random moment of a reply: the saved reply is
        /// a prefix of what the stub sent and holds every numbered word that was on screen.
        @Test func chatScreenStoppedAtRandomMoments() throws {
            try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
            var (rng, seed) = SeededGenerator.fromEnvironment()
            let tally = FaultTally("chat screen, SIGKILL/SIGTERM/SIGHUP mid-stream", seed: seed)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            let signals: [Int32] = [SIGKILL, SIGTERM, SIGHUP]
            for attempt in 0..<FaultSuite.attempts(ci: 3) {
                let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL)
                defer { p.cleanUp() }
                let tmux = TmuxSession()
                defer { tmux.kill() }
                server.enqueue(FaultSuite.reply(200, delay: 0.015))
                try tmux.startPrism(p, arguments: "-m stub/echo; echo prism-exit=$?")
                _ = try tmux.wait(for: "the prompt") { $0.contains("stub/echo") }
                try tmux.type("count for me")
                try tmux.send("Enter")
                _ = try tmux.wait(for: "the first word") { $0.contains("w0001") }
                Thread.sleep(forTimeInterval: FaultSuite.pause(0...2.5, &rng))
                let pid = try tmux.prismPID()
                let shown = try tmux.screen()
                if let pid { kill(pid, signals[attempt % signals.count]) }
                let ended = try tmux.wait(for: "prism to end") { $0.contains("prism-exit=") }
                tally.record(try check(p, shown: shown, ended: ended.ok))
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }

        func check(_ p: PrismProcess, shown: String, ended: Bool) throws -> String? {
            guard ended else { return "prism did not end" }
            let sessions = try FaultSuite.sessions(p)
            guard sessions.count == 1, let reply = FaultSuite.replies(sessions[0]).first else { return "no reply saved" }
            let content = reply["content"] as? String ?? ""
            if !FaultSuite.text(200).hasPrefix(content) { return "saved text is not what was sent: …\(content.suffix(40))" }
            // The highest numbered word on screen must be saved (the screen can lag, never lead).
            let words = shown.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { $0.hasPrefix("w") && $0.count == 5 }
            let highest = words.compactMap { Int($0.dropFirst()) }.max() ?? 0
            let saved = content.split(separator: " ").count
            return saved >= highest ? nil : "word w\(highest) was on screen, \(saved) words saved"
        }

        /// A damaged state file is moved aside byte for byte, reported once, and replaced by a good one.
        @Test func damagedStateFilesAreKeptAsideAndReported() throws {
            var (rng, seed) = SeededGenerator.fromEnvironment()
            let tally = FaultTally("damaged sets.json, spend.json", seed: seed)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            for attempt in 0..<FaultSuite.attempts(ci: 4) {
                let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL)
                defer { p.cleanUp() }
                let state = p.home.appendingPathComponent("state/prism")
                try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
                let name = attempt.isMultiple(of: 2) ? "sets.json" : "spend.json"
                var garbage = Data((0..<Int.random(in: 1...300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) })
                garbage.insert(UInt8(ascii: "#"), at: 0)  // never valid JSON
                try garbage.write(to: state.appendingPathComponent(name))
                let args = name == "sets.json" ? ["compare", "--set", "none", "q"] : ["ask", "-m", "stub/echo", "q"]
                let first = try p.run(args)
                let second = try p.run(args)
                let aside = p.writtenFiles().filter { $0.path.contains("/state/prism/corrupt/\(name)") }
                var problem: String?
                if aside.count != 1 || aside.first?.data != garbage { problem = "\(name) not kept aside byte for byte" }
                if !first.stderr.contains(name) { problem = problem ?? "not reported: \(first.stderr)" }
                if second.stderr.contains("could not be read") { problem = problem ?? "reported twice" }
                tally.record(problem)
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }
    }
}
