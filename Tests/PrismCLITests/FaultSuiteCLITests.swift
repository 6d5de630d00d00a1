import Foundation
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The fault suite for the command line: `ask --save` and `compare --save` killed or
/// signalled at random moments of a stream, the saved text checked against what the
/// stub sent and what reached stdout.
extension ProcessSuites {
    @Suite("Fault suite: command line", .serialized)
    struct FaultSuiteCLITests {
        /// SIGKILL at a random moment: the saved reply is a prefix of what the stub sends and
        /// holds at least everything printed (pieces are journaled before they are printed).
        @Test func askKilledAtRandomMoments() throws {
            var (rng, seed) = SeededGenerator.fromEnvironment()
            let tally = FaultTally("ask --save, SIGKILL mid-stream", seed: seed)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            for _ in 0..<FaultSuite.attempts(ci: 6) {
                let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL)
                defer { p.cleanUp() }
                server.enqueue(FaultSuite.reply(150))
                let run = try RunningPrism(p, ["ask", "--save", "-m", "stub/echo", "count"])
                run.waitForOutput(bytes: 1)
                Thread.sleep(forTimeInterval: FaultSuite.pause(0...2.0, &rng))
                run.send(SIGKILL)
                _ = run.wait()
                tally.record(try Self.check(p, printed: run.stdout, full: FaultSuite.text(150)))
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }

        /// SIGTERM, SIGHUP or SIGINT at a random moment: the exit status names the signal and
        /// the saved reply is exactly what was printed, marked as stopped.
        @Test func askSignalledAtRandomMoments() throws {
            var (rng, seed) = SeededGenerator.fromEnvironment()
            let tally = FaultTally("ask --save, SIGTERM/SIGHUP/SIGINT mid-stream", seed: seed)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT]
            for attempt in 0..<FaultSuite.attempts(ci: 6) {
                let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL)
                defer { p.cleanUp() }
                server.enqueue(FaultSuite.reply(150))
                let run = try RunningPrism(p, ["ask", "--save", "-m", "stub/echo", "count"])
                run.waitForOutput(bytes: 1)
                Thread.sleep(forTimeInterval: FaultSuite.pause(0...2.0, &rng))
                let signal = signals[attempt % signals.count]
                run.send(signal)
                let status = run.wait()
                var problem = try Self.check(p, printed: run.stdout, full: FaultSuite.text(150), exact: true)
                if status != 128 + signal, status != 0 { problem = problem ?? "exit status \(status) for signal \(signal)" }
                tally.record(problem)
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }

        /// A compare round of three models of different lengths, killed or signalled at random:
        /// finished replies are whole, the others are prefixes of what was sent.
        @Test func compareStoppedAtRandomMoments() throws {
            var (rng, seed) = SeededGenerator.fromEnvironment()
            let tally = FaultTally("compare --save, SIGKILL or SIGTERM mid-round", seed: seed)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            let lengths = [20, 60, 120]
            for attempt in 0..<FaultSuite.attempts(ci: 4) {
                let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL)
                defer { p.cleanUp() }
                server.enqueue(contentsOf: lengths.map { FaultSuite.reply($0) })
                let run = try RunningPrism(p, ["compare", "--save", "-m", "stub/a", "-m", "stub/b", "-m", "stub/c", "count"])
                #expect(server.waitForRequests(count: 3, timeout: 10))
                Thread.sleep(forTimeInterval: FaultSuite.pause(0.1...2.5, &rng))
                run.send(attempt.isMultiple(of: 2) ? SIGKILL : SIGTERM)
                _ = run.wait()
                server.clearRecords()
                tally.record(try Self.checkRound(p, lengths: lengths))
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }

        /// What is wrong with the one saved reply, or nil.
        static func check(_ p: PrismProcess, printed: String, full: String, exact: Bool = false) throws -> String? {
            let sessions = try FaultSuite.sessions(p)
            guard sessions.count == 1 else { return "\(sessions.count) sessions saved" }
            guard let reply = FaultSuite.replies(sessions[0]).first else {
                return printed.isEmpty ? nil : "no reply saved, \(printed.count) characters printed"
            }
            let content = reply["content"] as? String ?? ""
            let shown = printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
            if !full.hasPrefix(content) { return "saved text is not what was sent: …\(content.suffix(40))" }
            if !content.hasPrefix(shown) { return "printed \(shown.count) characters, saved \(content.count)" }
            if exact, content != shown, reply["status"] as? String != "complete" {
                return "printed \(shown.count) characters but saved \(content.count)"
            }
            return nil
        }

        /// What is wrong with a saved compare round, or nil.
        static func checkRound(_ p: PrismProcess, lengths: [Int]) throws -> String? {
            let sessions = try FaultSuite.sessions(p)
            guard sessions.count == 1 else { return "\(sessions.count) sessions saved" }
            let replies = FaultSuite.replies(sessions[0])
            guard replies.count == lengths.count else { return "\(replies.count) replies saved of \(lengths.count)" }
            let longest = FaultSuite.text(lengths.max()!)
            for reply in replies {
                let content = reply["content"] as? String ?? ""
                if !longest.hasPrefix(content) { return "a reply is not what was sent: …\(content.suffix(40))" }
                if reply["status"] as? String == "complete", !lengths.map(FaultSuite.text).contains(content) {
                    return "a complete reply is not whole (\(content.count) characters)"
                }
            }
            return nil
        }
    }
}
