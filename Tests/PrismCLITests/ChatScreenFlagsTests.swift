import Foundation
import PrismStub
import Testing

/// Chat-screen flags and what it keeps between runs, checked in tmux with the real binary.
extension ProcessSuites {
    @Suite("Chat screen flags and memory across runs, in tmux", .serialized)
    struct ChatScreenFlagsTests {
        static let key = "sk-or-v1-SCREENFLAGS0123456789abc"

        /// A fixture whose config chooses a model, so the chat screen starts at the prompt.
        static func fixture() throws -> ChatScreenFixture {
            let fixture = try ChatScreenFixture(key: Self.key)
            let folder = fixture.prism.home.appendingPathComponent("config/prism")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "model = \"stub/fast\"\n".write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            return fixture
        }

        /// Runs the chat screen with `arguments`, does `body`, then quits with Ctrl-Q.
        static func run(_ p: PrismProcess, _ arguments: String = "", _ body: (TmuxSession) throws -> Void) throws {
            let tmux = TmuxSession()
            defer { tmux.kill() }
            try tmux.startPrism(p, arguments: arguments)
            #expect(try tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)
            try body(tmux)
            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
        }

        static func ask(_ tmux: TmuxSession, _ prompt: String) throws {
            try tmux.type(prompt)
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the reply to \(prompt)") { $0.contains("Fast answer") }.ok)
        }

        static func sessionIDs(_ p: PrismProcess) throws -> [String] {
            let list = (try? JSONSerialization.jsonObject(with: Data(try p.run(["sessions", "list", "--json"]).stdout.utf8))) as? [[String: Any]]
            return (list ?? []).compactMap { $0["id"] as? String }
        }

        @Test func resumeTakesAUniquePrefixAndRefusesAnAmbiguousOne() throws {
            let fixture = try Self.fixture()
            defer { fixture.stop() }
            let p = fixture.prism
            #expect(try p.run(["ask", "--save", "-m", "stub/fast", "alpha question"]).status == 0)
            #expect(try p.run(["ask", "--save", "-m", "stub/fast", "bravo question"]).status == 0)
            let ids = try Self.sessionIDs(p)
            try #require(ids.count == 2)
            let shared = zip(ids[0], ids[1]).prefix { $0 == $1 }.count
            try #require(shared > 0, "ids start with the date: \(ids)")
            let alpha = try p.run(["sessions", "show", ids[0]]).stdout.contains("alpha question") ? ids[0] : ids[1]
            let unique = String(alpha.prefix(shared + 1))

            try Self.run(p, "--resume \(unique)") { tmux in
                let resumed = try tmux.wait(for: "the alpha session") { $0.contains("alpha question") }
                #expect(resumed.ok)
                #expect(!resumed.screen.contains("bravo question"), "\(resumed.screen)")
            }

            let tmux = TmuxSession()
            defer { tmux.kill() }
            try tmux.startPrism(p, arguments: "--resume \(ids[0].prefix(shared))")
            let refused = try tmux.wait(for: "the ambiguity error") { $0.contains("type more of the id") }
            #expect(refused.ok, "\(refused.screen)")
            #expect(refused.screen.contains("matches 2 sessions"), "\(refused.screen)")
            #expect(!refused.screen.contains("Prompt"), "no chat screen opens")
        }

        @Test func themeFlagStartsTheChatScreenWithThatTheme() throws {
            let fixture = try Self.fixture()
            defer { fixture.stop() }
            try Self.run(fixture.prism, "--theme gruvbox") { tmux in
                try tmux.send("C-t")
                // Waits for the list too: a capture may land while the box is half painted.
                let switcher = try tmux.wait(for: "the theme switcher") { $0.contains("Theme ·") && $0.contains("●") }
                #expect(switcher.ok)
                #expect(switcher.screen.contains("● gruvbox"), "\(switcher.screen)")
                #expect(!switcher.screen.contains("● dark"))
                try tmux.send("Escape")
                // An Esc followed at once by Ctrl-Q would read as Alt-Ctrl-Q: wait for it to land.
                #expect(try tmux.wait(for: "the switcher to close") { !$0.contains("Theme ·") }.ok)
            }
        }

        @Test func upInANewChatScreenRecallsTheLastRunsPrompt() throws {
            let fixture = try Self.fixture()
            defer { fixture.stop() }
            let p = fixture.prism
            try Self.run(p) { try Self.ask($0, "remember this prompt") }
            try Self.run(p) { tmux in
                #expect(!(try tmux.screen()).contains("remember this prompt"), "a new chat starts empty")
                try tmux.send("Up")
                #expect(try tmux.wait(for: "the recalled prompt") { $0.contains("remember this prompt") }.ok)
            }
        }

        @Test func aFavouriteStarredInThePickerIsStarredInTheNextRun() throws {
            let fixture = try Self.fixture()
            defer { fixture.stop() }
            let p = fixture.prism
            let starred: (String) -> Bool = { screen in
                screen.split(separator: "\n").contains { $0.contains("★") && $0.contains("stub/slow-start") }
            }
            try Self.run(p) { tmux in
                try tmux.send("C-p")
                #expect(try tmux.wait(for: "the picker") { $0.contains("Models") && $0.contains("stub/echo") }.ok)
                try tmux.type("slow-start")
                #expect(try tmux.wait(for: "the filtered picker") { $0.contains("stub/slow-start") }.ok)
                try tmux.send("C-s")
                #expect(try tmux.wait(for: "the star", starred).ok)
                try tmux.send("Escape")
                #expect(try tmux.wait(for: "the picker to close") { !$0.contains("stub/slow-start") }.ok)
            }
            try Self.run(p) { tmux in
                try tmux.send("C-p")
                let picker = try tmux.wait(for: "the star in a new run", starred)
                #expect(picker.ok, "\(picker.screen)")
                try tmux.send("Escape")
                #expect(try tmux.wait(for: "the picker to close") { !$0.contains("stub/slow-start") }.ok)
            }
        }
    }
}
