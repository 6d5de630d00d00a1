import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    @Suite("Budgets in the chat screen, in tmux", .serialized)
    struct BudgetChatScreenTests {
        static let key = "sk-or-v1-SECRETKEY0123456789abcdef"

        @Test func aSendOverTheCapIsHeldUntilYSendsIt() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let server = fixture.server
            server.modelsPayload = Data(BudgetCommandLineTests.catalog.utf8)
            let p = fixture.prism
            let folder = p.home.appendingPathComponent("config/prism")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "model = \"t/pricey\"\n[budget]\nper_request = 0.01\n"
                .write(to: folder.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            #expect(try p.run(["models", "--json"]).status == 0, "the catalog cache holds the prices")

            try fixture.tmux.startPrism(p, arguments: "")
            #expect(try fixture.tmux.wait(for: "the prompt") { $0.contains("Prompt") }.ok)
            try fixture.tmux.type("hello")
            try fixture.tmux.send("Enter")
            #expect(try fixture.tmux.wait(for: "the refusal") { $0.contains("not sent: over the per-request cap of $0.01") }.ok)
            #expect(try fixture.tmux.wait(for: "the offer") { $0.contains("y send anyway") && $0.contains("Esc back") }.ok)
            #expect(server.chatRequests.isEmpty, "a held send reaches no server")
            server.enqueue(.text(["Held", " then sent."]))
            try fixture.tmux.send("y")
            #expect(try fixture.tmux.wait(for: "the reply") { $0.contains("Held then sent.") }.ok)
            #expect(server.chatRequests.count == 1)
            try fixture.tmux.send("C-q")
        }
    }
}
