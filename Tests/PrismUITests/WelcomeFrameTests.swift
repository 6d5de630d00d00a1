import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("The welcome names the server the prompt goes to")
struct WelcomeFrameTests {
    private func screen(server: String?, demo: Bool = false) -> String {
        let h = ReducerHarness(size: Size(width: 100, height: 24))
        h.state.serverLabel = server
        h.state.demo = demo
        return h.screen()
    }

    @Test func openRouterByDefault() {
        #expect(screen(server: nil).contains("Chat with any model on OpenRouter."))
    }

    @Test func anotherServerIsNamedAndOpenRouterIsNot() {
        let text = screen(server: "localhost:11434")
        #expect(text.contains("Chat with the models on localhost:11434."))
        #expect(!text.contains("OpenRouter"))
        #expect(screen(server: "gpu (gpu-box.example)").contains("Chat with the models on gpu (gpu-box.example)."))
    }

    @Test func aProfileNameCannotWriteControlsToTheScreen() {
        let text = screen(server: "evil\u{1B}[2J (h)")
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Chat with the models on evil"))
    }

    @Test func theDemoSaysItIsSimulated() {
        #expect(screen(server: nil, demo: true).contains("Demo mode: simulated models"))
    }

    @Test func theWelcomeGoesOnceAPromptIsSent() {
        let h = ReducerHarness(size: Size(width: 100, height: 24))
        h.state.serverLabel = "localhost:11434"
        h.command("hi")
        #expect(!h.screen().contains("Chat with the models on"))
    }
}
