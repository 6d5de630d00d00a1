import Foundation
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `ask --save` and `compare --save` stopped by signals and SIGKILL mid-reply: what
/// reached stdout is on disk, as a user reads it back with `prism sessions`.
extension ProcessSuites {
    @Suite("Signals and kills mid-reply", .serialized)
    struct SignalDurabilityTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        func savedSessions(_ p: PrismProcess) throws -> [[String: Any]] { try FaultSuite.sessions(p) }
        func replies(_ session: [String: Any]) -> [[String: Any]] { FaultSuite.replies(session) }

        @Test(arguments: [(SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")])
        func askSavesEverythingOnTermAndHup(signal: Int32, name: String) throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["ask", "--save", "-m", "stub/slow", "tell me"])
            #expect(run.waitForOutput(bytes: 60))
            run.send(signal)
            #expect(run.wait() == 128 + signal)
            let printed = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let session = try #require(try savedSessions(p).first)
            let reply = try #require(replies(session).first)
            let content = reply["content"] as? String ?? ""
            #expect(content.hasPrefix(printed) && content.count >= printed.count, "saved \(content.count) chars, printed \(printed.count)")
            #expect(reply["status"] as? String == "cancelled")
            #expect((reply["failure"] as? [String: Any])?["message"] as? String == "interrupted: Prism received \(name)")
            #expect(run.stderr.contains("interrupted: Prism received \(name)"))
        }

        @Test func askKilledWithSigkillKeepsWhatWasStreamed() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["ask", "--save", "-m", "stub/slow", "tell me"])
            #expect(run.waitForOutput(bytes: 80))
            run.send(SIGKILL)
            #expect(run.wait() == 128 + SIGKILL)
            let printed = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let session = try #require(try savedSessions(p).first)
            let reply = try #require(replies(session).first)
            let content = reply["content"] as? String ?? ""
            #expect(!printed.isEmpty && content.hasPrefix(printed), "saved \(content.count) chars, printed \(printed.count)")
            #expect(reply["status"] as? String == "failed", "a reply whose process died reads as interrupted")
        }

        @Test func askKilledAfterTheSourcesArrivedKeepsThemWithTheText() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            // stub/web sends its sources with its third piece when asked to take its time, then streams on slowly.
            let run = try RunningPrism(p, ["ask", "--save", "--web", "-m", "stub/web", "snow in Oslo? take your time"])
            #expect(run.waitForOutput(bytes: 30))
            run.send(SIGKILL)
            #expect(run.wait() == 128 + SIGKILL)
            let printed = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let session = try #require(try savedSessions(p).first)
            let reply = try #require(replies(session).first)
            #expect((reply["content"] as? String ?? "").hasPrefix(printed) && printed.hasPrefix("Oslo had"))
            #expect(reply["status"] as? String == "failed")
            let urls = (reply["citations"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
            #expect(urls == StubModels.webCitations.map(\.url), "the sources came before the kill, so they are kept")
            let shown = try p.run(["sessions", "show", try #require(session["id"] as? String)])
            #expect(shown.stdout.contains("Oslo weather – MET Norway"), "\(shown.stdout)")
        }

        @Test func compareKilledKeepsFinishedPanesWholeAndTheOthersSoFar() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["compare", "--save", "-m", "stub/fast", "-m", "stub/slow", "tell me"])
            // The fast model is done at once; give the slow one time for a few chunks.
            Thread.sleep(forTimeInterval: 1.5)
            run.send(SIGKILL)
            _ = run.wait()
            let session = try #require(try savedSessions(p).first)
            #expect((session["compare"] as? [String: Any])?["models"] as? [String] == ["stub/fast", "stub/slow"])
            let saved = replies(session)
            let fast = saved.first { $0["model_requested"] as? String == "stub/fast" }
            let slow = saved.first { $0["model_requested"] as? String == "stub/slow" }
            #expect(fast?["status"] as? String == "complete")
            #expect((fast?["content"] as? String)?.hasPrefix("Fast answer") == true)
            #expect(slow?["status"] as? String == "failed")
            #expect(((slow?["content"] as? String) ?? "").count > 10, "the slow model's text so far is kept")
        }

        @Test func compareStoppedBySigtermSavesEveryPaneAndExits143() throws {
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            let run = try RunningPrism(p, ["compare", "--save", "-m", "stub/slow", "-m", "stub/echo", "tell me"])
            Thread.sleep(forTimeInterval: 1.0)
            run.send(SIGTERM)
            #expect(run.wait() == 143)
            let session = try #require(try savedSessions(p).first)
            let saved = replies(session)
            #expect(saved.count == 2)
            let slow = saved.first { $0["model_requested"] as? String == "stub/slow" }
            #expect(slow?["status"] as? String == "cancelled")
            #expect((slow?["failure"] as? [String: Any])?["message"] as? String == "interrupted: Prism received SIGTERM")
            // No journal is left once every reply is saved.
            #expect(!p.writtenFiles().contains { $0.path.contains("/journal/") })
        }
    }
}
