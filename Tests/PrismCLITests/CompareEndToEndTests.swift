import Foundation
import PrismStub
import Testing

/// Compare mode of the real `prism` binary in tmux against the stub: three models of
/// different speeds (one fails), the summary, resume, and picking a winner.
extension ProcessSuites {
    @Suite("Compare mode end to end in tmux", .serialized)
    struct CompareEndToEndTests {
        static let key = "sk-or-v1-E2EKEY0123456789abcdef"

        private func sessionObject(_ p: PrismProcess) throws -> [String: Any] {
            let files = p.writtenFiles().filter { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") }
            try #require(files.count == 1)
            return try #require(try JSONSerialization.jsonObject(with: files[0].data) as? [String: Any])
        }

        @Test func threeModelsSideBySideResumeAndPick() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (p, tmux) = (fixture.prism, fixture.tmux)
            try tmux.startPrism(p)

            // Mark three models in the picker with Ctrl-T (Space would be typed into the search); Enter opens compare mode.
            #expect(try tmux.wait(for: "the picker") { $0.contains("Models") && $0.contains("stub/echo") }.ok)
            for model in ["stub/fast", "stub/slow", "stub/fail-midstream"] {
                try tmux.send("C-u")
                try tmux.type(model)
                try tmux.send("C-t")
            }
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "three panes") { $0.contains("1 stub/fast") && $0.contains("2 stub/slow") && $0.contains("3 stub/fail-midstream") }.ok)

            // One prompt goes to all three; the fast one finishes, the failing one shows its error, the slow one streams on.
            try tmux.type("compare this")
            try tmux.send("Enter")
            let midway = try tmux.wait(for: "fast done, one failed, one streaming") {
                $0.contains("Fast answer") && $0.contains("Provider disconnected") && $0.contains("1 of 3 streaming")
            }
            #expect(midway.ok, "\(midway.screen)")
            let done = try tmux.wait(for: "the summary of the round", timeout: 20) { $0.contains("round $") && $0.contains("cheapest") && !$0.contains("streaming") }
            #expect(done.ok, "\(done.screen)")
            #expect(done.screen.contains("1 failed"))

            // Quit; the session remembers the compare layout and the replies are siblings.
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let saved = try sessionObject(p)
            let compare = try #require(saved["compare"] as? [String: Any])
            #expect(compare["models"] as? [String] == ["stub/fast", "stub/slow", "stub/fail-midstream"])
            let messages = try #require(saved["messages"] as? [[String: Any]])
            #expect(messages.map { $0["role"] as? String } == ["user", "assistant", "assistant", "assistant"])
            #expect(messages.compactMap { $0["status"] as? String } == ["complete", "complete", "failed"])

            // -c reopens the panes; Alt-2 focuses the slow one and Alt-P continues with it alone.
            tmux.kill()
            let again = TmuxSession()
            defer { again.kill() }
            try again.startPrism(p, arguments: "-c")
            #expect(try again.wait(for: "the restored panes") { $0.contains("1 stub/fast") && $0.contains("3 stub/fail-midstream") && $0.contains("Fast answer") }.ok)
            try again.send("M-2")
            try again.send("M-p")
            #expect(try again.wait(for: "single-model mode with stub/slow") { $0.contains("continuing with stub/slow") && !$0.contains("1 stub/fast") }.ok)
            try again.send("C-p")
            #expect(try again.wait(for: "the picker") { $0.contains("Models") }.ok)
            try again.type("stub/fast")
            try again.send("Enter")
            try again.type("follow up")
            try again.send("Enter")
            #expect(try again.wait(for: "the follow-up reply") { $0.contains("follow up") && $0.contains("Fast answer") }.ok)
            try again.send("C-q")
            #expect(try again.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let picked = try sessionObject(p)
            #expect(picked["compare"] == nil)
            let thread = try #require(picked["messages"] as? [[String: Any]])
            #expect(thread.count == 6)
            #expect(thread[4]["parent_id"] as? String == thread[2]["id"] as? String, "the follow-up continues the picked (slow) reply")
        }
    }
}
