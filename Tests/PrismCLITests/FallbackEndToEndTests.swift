import Foundation
import PrismStub
import Testing

/// The fallback chain edited in the real chat screen, in tmux against the stub: the request
/// the stub receives carries it as `models`, the status bar shows it, the session keeps it.
extension ProcessSuites {
    @Suite("Fallback chain end to end in tmux", .serialized)
    struct FallbackEndToEndTests {
        static let key = "sk-or-v1-FALLBACKE2E0123456789abcd"

        @Test func aChainEditedWithAltKIsSentAsModelsAndSavedWithTheSession() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (server, p, tmux) = (fixture.server, fixture.prism, fixture.tmux)
            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)

            try tmux.send("M-k")
            #expect(try tmux.wait(for: "the chain editor") { $0.contains("Fallback chain") && $0.contains("no fallbacks: a adds one") }.ok)
            try tmux.send("a")
            #expect(try tmux.wait(for: "the picker adding a fallback") { $0.contains("Add a fallback") && $0.contains("stub/fast") }.ok)
            try tmux.type("stub/fast")
            try tmux.send("Enter")
            let added = try tmux.wait(for: "the chain with stub/fast") { $0.contains("1 stub/fast") && $0.contains("added stub/fast as fallback 1") }
            #expect(added.ok, "\(added.screen)")
            try tmux.send("Enter")
            #expect(try tmux.wait(for: "the chain kept") { $0.contains("fallbacks: stub/fast") }.ok)

            try tmux.type("hello chain")
            try tmux.send("Enter")
            let replied = try tmux.wait(for: "the reply, then the chain in the status bar", timeout: 20) {
                $0.contains("This is a") && $0.contains("⤷ fast")
            }
            #expect(replied.ok, "\(replied.screen)")
            let request = try #require(server.chatRequests.last)
            let body = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(body["models"] as? [String] == ["stub/echo", "stub/fast"])

            try tmux.send("C-q")
            #expect(try tmux.wait(for: "prism to exit") { !$0.contains("Prompt") }.ok)
            let session = try #require(p.writtenFiles().first { $0.path.contains("/sessions/") && $0.path.hasSuffix(".json") })
            let object = try #require(try JSONSerialization.jsonObject(with: session.data) as? [String: Any])
            #expect((object["settings"] as? [String: Any])?["fallback_models"] as? [String] == ["stub/fast"])
        }
    }
}
