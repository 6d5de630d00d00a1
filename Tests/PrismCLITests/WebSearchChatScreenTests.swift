import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("Web search in the chat screen, in tmux", .serialized)
    struct WebSearchChatScreenTests {
        static let key = "sk-or-v1-WEBSCREENKEY0123456789ab"

        @Test func altOSearchesAndTheSourcesAreListedCleanUnderTheReply() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            try fixture.tmux.startPrism(fixture.prism, arguments: "-m stub/web")
            #expect(try fixture.tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)
            try fixture.tmux.send("M-o")
            #expect(try fixture.tmux.wait(for: "the notice") { $0.contains("web search on") }.ok)
            try fixture.tmux.type("snow in Oslo?")
            try fixture.tmux.send("Enter")
            let done = try fixture.tmux.wait(for: "the sources") { $0.contains("[3] Not a link") }
            #expect(done.ok, "\(done.screen)")
            #expect(done.screen.contains("[1] Oslo weather – MET Norway — https://www.met.no/en/weather/oslo"))
            #expect(done.screen.contains("[2] Forecast␛]8;;https://evil.example"))
            // Once the notice has gone, the status bar says web search is on.
            let bar = try fixture.tmux.wait(for: "the status bar") { $0.contains("│ web") }
            #expect(bar.ok, "\(bar.screen)")
            let sent = try #require(fixture.server.chatRequests.last)
            #expect((sent["plugins"] as? [[String: Any]])?.first?["id"] as? String == "web")
            try fixture.tmux.send("C-q")
        }
    }
}
