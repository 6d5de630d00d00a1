import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

private func streamed(_ effects: [Effect]) -> [ChatRequest] {
    effects.compactMap { if case .startStream(_, let request, _) = $0 { request } else { nil } }
}

@Suite("Slash commands: an unknown one is refused, // escapes")
struct SlashCommandKeysTests {
    @Test func aMistypedCommandIsRefusedWithASuggestionAndTheDraftKept() {
        let h = ReducerHarness()
        let effects = h.command("/modle openai/gpt-5")
        #expect(effects.isEmpty, "nothing is sent or saved")
        #expect(h.state.session.messages.isEmpty)
        #expect(!h.state.isStreaming)
        #expect(h.state.prompt.text == "/modle openai/gpt-5", "the draft is kept for fixing")
        #expect(h.state.notice?.text == "unknown command /modle: did you mean /model?")
        #expect(h.state.notice?.kind == .error)
        #expect(h.state.session.model == "a/one")
        #expect(h.screen().contains("unknown command /modle: did you mean /model?"))
    }

    @Test func aWordFarFromEveryCommandSaysWhereTheyAreListed() {
        let h = ReducerHarness()
        #expect(h.command("/etc/hosts is where names live").isEmpty)
        #expect(h.state.notice?.text == "unknown command /etc/hosts: F1 lists commands; // sends a leading /")
        #expect(h.state.session.messages.isEmpty)
        #expect(h.state.prompt.text == "/etc/hosts is where names live")
    }

    @Test func aDoubleSlashSendsOneLiteralLeadingSlash() throws {
        let h = ReducerHarness()
        let effects = h.command("//etc/hosts is where names live")
        let request = try #require(streamed(effects).first)
        #expect(request.messages.last?.content == "/etc/hosts is where names live")
        #expect(h.state.session.currentBranch.first?.content == "/etc/hosts is where names live")
        #expect(h.state.prompt.isEmpty)
        #expect(h.state.notice == nil)
    }

    @Test func theDoubleSlashEscapeWorksInCompareModeToo() {
        let h = ReducerHarness()
        h.command("/compare a/one b/two")
        #expect(h.state.isComparing)
        let requests = streamed(h.command("//usr/bin is on PATH"))
        #expect(requests.map { $0.messages.last?.content } == ["/usr/bin is on PATH", "/usr/bin is on PATH"])
        h.finish(1, "x"); h.finish(2, "y")
        #expect(streamed(h.command("/sytem be brief")).isEmpty)
        #expect(h.state.notice?.text == "unknown command /sytem: did you mean /system?")
    }

    @Test func thePromptBorderWarnsBeforeEnter() {
        let h = ReducerHarness()
        h.type("/modl")
        #expect(h.screen().contains("unknown command · did you mean /model? · // sends a leading /"))
        h.key(.ctrl("u"))
        h.type("//tmp")
        #expect(!h.screen().contains("unknown command"))
    }

    @Test func theHelpOverlayDocumentsTheEscape() {
        let h = ReducerHarness(size: Size(width: 200, height: 120))
        h.key(Key(.function(1)))
        #expect(h.screen().contains("//TEXT: send TEXT with one leading /"))
    }

    @Test func suggestionsPreferTheCommandATypedPrefixStartsThenTheNearest() {
        #expect(SlashCompletion.nearestCommand(to: "/mod") == "/model")
        #expect(SlashCompletion.nearestCommand(to: "/Model") == "/model")
        #expect(SlashCompletion.nearestCommand(to: "/se") == "/set")
        #expect(SlashCompletion.nearestCommand(to: "/tilte") == "/title")
        #expect(SlashCompletion.nearestCommand(to: "/etc/hosts") == nil)
        #expect(SlashCompletion.nearestCommand(to: "/x") == nil)
        #expect(SlashCompletion.editDistance("/modle", "/model") == 1)
    }
}
