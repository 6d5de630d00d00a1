import Foundation
import PrismStub
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The chat screen in tmux, stopped by signals and kills mid-reply, and two windows on one session.
extension ProcessSuites {
    @Suite("Chat screen: nothing lost, end to end in tmux", .serialized)
    struct TUIDurabilityTests {
        static let key = "sk-or-v1-E2EKEY0123456789abcdef"

        func sessionFiles(_ p: PrismProcess) -> [[String: Any]] {
            p.writtenFiles().filter { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") && !$0.path.contains("/corrupt/") }
                .compactMap { try? JSONSerialization.jsonObject(with: $0.data) as? [String: Any] }
        }

        func exported(_ p: PrismProcess) throws -> [String: Any]? { try FaultSuite.sessions(p).first }

        func lastReply(_ session: [String: Any]?) -> [String: Any]? {
            (session?["messages"] as? [[String: Any]])?.last { $0["role"] as? String == "assistant" }
        }

        /// Starts prism on the slow stub model and sends one prompt; returns once text streams.
        func startStreaming(_ tmux: TmuxSession, _ p: PrismProcess) throws {
            try tmux.startPrism(p, arguments: "-m stub/slow; echo prism-exit=$?")
            #expect(try tmux.wait(for: "the prompt") { $0.contains("stub/slow") }.ok)
            try tmux.type("tell me a long story")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "streamed text") { $0.contains("ipsum dolor sit amet") }.ok)
        }

        @Test(arguments: [(SIGTERM, "SIGTERM", 143), (SIGHUP, "SIGHUP", 129)])
        func aSignalSavesTheReplySoFarRestoresTheTerminalAndExits(signal: Int32, name: String, status: Int) throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (p, tmux) = (fixture.prism, fixture.tmux)
            try startStreaming(tmux, p)
            let pid = try #require(try tmux.prismPID())
            kill(pid, signal)
            let after = try tmux.wait(for: "the shell again") { $0.contains("prism-exit=") }
            #expect(after.screen.contains("prism-exit=\(status)"))
            #expect(!after.screen.contains("Prompt"), "the alternate screen is gone")
            let reply = try #require(lastReply(sessionFiles(p).first))
            #expect(reply["status"] as? String == "cancelled")
            #expect((reply["failure"] as? [String: Any])?["message"] as? String == "interrupted: Prism received \(name)")
            #expect((reply["content"] as? String)?.hasPrefix("Lorem ipsum dolor sit amet") == true)
        }

        @Test func sigkillMidReplyLosesAtMostTheLastMoment() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (p, tmux) = (fixture.prism, fixture.tmux)
            try startStreaming(tmux, p)
            #expect(try tmux.wait(for: "more text") { $0.contains("elit.Lorem ipsum") }.ok)
            let pid = try #require(try tmux.prismPID())
            kill(pid, SIGKILL)
            #expect(try tmux.wait(for: "the shell again") { $0.contains("prism-exit=137") }.ok)
            let reply = try #require(lastReply(try exported(p)))
            #expect((reply["content"] as? String)?.contains("elit.Lorem ipsum") == true, "what was on screen is on disk")
            #expect(reply["status"] as? String == "failed")
        }

        @Test func sigkillAfterWebSourcesArrivedKeepsThem() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (p, tmux) = (fixture.prism, fixture.tmux)
            try tmux.startPrism(p, arguments: "-m stub/web:online; echo prism-exit=$?")
            #expect(try tmux.wait(for: "the prompt") { $0.contains("stub/web:online") }.ok)
            try tmux.type("snow in Oslo? take your time")
            try tmux.send("Enter")
            // The sources come with the third piece; the fifth is on screen well after it.
            #expect(try tmux.wait(for: "streamed text") { $0.contains("Oslo had 3 cm of") }.ok)
            let pid = try #require(try tmux.prismPID())
            kill(pid, SIGKILL)
            #expect(try tmux.wait(for: "the shell again") { $0.contains("prism-exit=137") }.ok)
            let reply = try #require(lastReply(try exported(p)))
            #expect((reply["content"] as? String)?.hasPrefix("Oslo had 3 cm of") == true)
            #expect(reply["status"] as? String == "failed")
            let urls = (reply["citations"] as? [[String: Any]] ?? []).compactMap { $0["url"] as? String }
            #expect(urls == StubModels.webCitations.map(\.url))
        }

        @Test func twoWindowsOnOneSessionKeepBothExchanges() throws {
            try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "first question"]).status == 0)

            let (left, right) = (TmuxSession(), TmuxSession())
            defer { left.kill(); right.kill() }
            for window in [left, right] {
                try window.startPrism(p, arguments: "-c -m stub/echo; echo prism-exit=$?")
                #expect(try window.wait(for: "the resumed session") { $0.contains("first question") }.ok)
            }
            try left.type("from the left window")
            try left.send("Enter")
            #expect(try left.wait(for: "the left reply") { Self.finished($0, quoting: "from the left window") }.ok)
            try right.type("from the right window")
            try right.send("Enter")
            let merged = try right.wait(for: "the merge notice") { $0.contains("from another window") }
            #expect(merged.ok)
            #expect(try right.wait(for: "the right reply") { Self.finished($0, quoting: "from the right window") }.ok)

            // A rename from the command line while both are open survives their next saves.
            let id = try #require(try lastSessionID(p))
            let renamed = try p.run(["sessions", "rename", id, "Renamed", "outside"])
            #expect(renamed.status == 0, "\(renamed.stderr)")
            try left.type("after the rename")
            try left.send("Enter")
            #expect(try left.wait(for: "the third reply") { Self.finished($0, quoting: "after the rename") }.ok)
            for window in [left, right] {
                try window.send("C-q")
                #expect(try window.wait(for: "prism to exit") { $0.contains("prism-exit=0") }.ok)
            }

            let session = try #require(try exported(p))
            let prompts = (session["messages"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "user" }.compactMap { $0["content"] as? String }
            #expect(Set(prompts) == ["first question", "from the left window", "from the right window", "after the rename"])
            #expect(session["title"] as? String == "Renamed outside")
        }

        @Test func aSessionDeletedWhileOpenIsNotBroughtBackUnlessKept() throws {
            try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
            let server = StubServer(requiredKey: Self.key)
            try server.start()
            defer { server.stop() }
            let p = try PrismProcess(key: Self.key, baseURL: server.baseURL)
            defer { p.cleanUp() }
            #expect(try p.run(["ask", "--save", "-m", "stub/echo", "first question"]).status == 0)
            let id = try #require(try lastSessionID(p))
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try tmux.startPrism(p, arguments: "-c -m stub/echo")
            #expect(try tmux.wait(for: "the resumed session") { $0.contains("first question") }.ok)
            #expect(try p.run(["sessions", "rm", "--yes", id]).status == 0 || p.run(["sessions", "rm", id]).status == 0)
            try tmux.type("still here?")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the deleted notice") { $0.contains("deleted in another window") }.ok)
            #expect(sessionFiles(p).isEmpty, "not resurrected")
            #expect(try lastSessionID(p) == nil, "no journal brings it back either")
            try tmux.type("/keep")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "kept") { $0.contains("kept") }.ok)
            #expect(sessionFiles(p).count == 1)
            try tmux.send("C-q")
        }

        /// True once the echo model's reply quoting `prompt` is on screen and nothing streams.
        static func finished(_ screen: String, quoting prompt: String) -> Bool {
            screen.components(separatedBy: prompt).count >= 3 && !screen.contains("streaming")
        }

        func lastSessionID(_ p: PrismProcess) throws -> String? { FaultSuite.sessionIDs(p).first }
    }
}
