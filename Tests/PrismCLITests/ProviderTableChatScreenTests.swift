import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("The provider table in the chat screen, in tmux", .serialized)
    struct ProviderTableChatScreenTests {
        static let key = "sk-or-v1-PROVIDERSKEY0123456789abc"

        @Test func pinAProviderSaveAndRoutingJSONHoldsIt() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let p = fixture.prism
            try fixture.tmux.startPrism(p, arguments: "-m stub/fast")
            #expect(try fixture.tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)
            try fixture.tmux.send("M-r")
            let table = try fixture.tmux.wait(for: "the providers") { $0.contains("Providers · stub/fast") && $0.contains("DeepInfra/fp8") }
            #expect(table.ok, "\(table.screen)")
            #expect(table.screen.contains("Odd␛[31mCloud"), "the escape in a name is a symbol on screen")
            // Cheapest first: Fireworks, then DeepInfra. Pin DeepInfra, then save.
            try fixture.tmux.send("Down")
            try fixture.tmux.send("p")
            #expect(try fixture.tmux.wait(for: "the pin") { $0.contains("Unsaved: try deepinfra/fp8 first") }.ok)
            try fixture.tmux.send("Enter")
            #expect(try fixture.tmux.wait(for: "the confirmation") { $0.contains("routing for stub/fast saved") }.ok)
            let file = p.home.appendingPathComponent("state/prism/routing.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            let models = try #require(json["models"] as? [String: Any])
            #expect((models["stub/fast"] as? [String: Any])?["order"] as? [String] == ["deepinfra/fp8"], "\(json)")
            #expect(!(try String(contentsOf: file, encoding: .utf8)).contains(Self.key))
            try fixture.tmux.send("C-q")
        }
    }
}
