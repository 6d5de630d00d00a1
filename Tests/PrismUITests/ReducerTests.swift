import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// An 80×24 screen with two catalog models.
private final class Harness: ReducerHarness, @unchecked Sendable {
    init(model: String? = "a/model") {
        super.init(model: model, size: Size(width: 80, height: 24))
        state.catalog = [ModelInfo(id: "a/model", contextLength: 8000, maxCompletionTokens: 500),
                         ModelInfo(id: "b/other", name: "Other")]
    }
}

@Suite("Reducer: actions in, state and effects out")
struct ReducerTests {
    @Test func sendingAddsPromptAndEmptyReplyAndStartsAStream() throws {
        let h = Harness()
        h.type("hello")
        let effects = h.key(Key(.enter))
        let branch = h.state.session.currentBranch
        #expect(branch.map(\.role) == [.user, .assistant])
        #expect(branch[0].content == "hello" && branch[1].status == .streaming)
        #expect(h.state.session.id == "20261122-000000-abcd")
        #expect(h.state.session.title == "hello")
        #expect(h.state.prompt.isEmpty)
        guard effects.count == 4, effects[0] == .appendHistory("hello"), case .saveSession = effects[1],
              case .reserveSpend(let replyID, _, _) = effects[2], replyID == branch[1].id,
              case .startStream(let id, let request, _) = effects[3] else {
            Issue.record("unexpected effects \(effects)"); return
        }
        #expect(id == 1)
        #expect(request.maxTokens == 500, "capped by the model's own limit")
        #expect(request.messages.map(\.content) == ["hello"])
    }

    @Test func deltasFillTheReplyAndFinishingSavesIt() {
        let h = Harness()
        h.type("q"); h.key(Key(.enter))
        h.send(.completion(requestID: 1, event: .metadata(model: "a/model", provider: "Prov", generationID: "gen-1")))
        h.send(.completion(requestID: 1, event: .reasoningDelta("think")))
        h.send(.completion(requestID: 1, event: .contentDelta("Hel")))
        h.send(.completion(requestID: 1, event: .contentDelta("lo")))
        #expect(h.state.session.currentBranch.last?.content == "Hello")
        #expect(h.state.session.currentBranch.last?.provider == "Prov")
        var reply = Reply()
        reply.content = "Hello"
        reply.usage = TokenUsage(promptTokens: 3, completionTokens: 2, cost: Decimal(string: "0.01"))
        reply.finishReason = "stop"
        let effects = h.send(.completion(requestID: 1, event: .finished(reply)))
        #expect(h.state.lanes[0].stream == nil)
        #expect(h.state.session.currentBranch.last?.status == .complete)
        #expect(h.state.spentToday == Decimal(string: "0.01"))
        #expect(effects.contains { if case .saveSession = $0 { true } else { false } })
        #expect(effects.contains(.fetchBalance))
    }

    @Test func escapeCancelsKeepsTextAndIgnoresLateEvents() {
        let h = Harness()
        h.type("q"); h.key(Key(.enter))
        h.send(.completion(requestID: 1, event: .contentDelta("partial")))
        let effects = h.key(Key(.escape))
        #expect(effects.first == .cancelStream(requestID: 1))
        #expect(h.state.lanes[0].stream == nil)
        let reply = h.state.session.currentBranch.last
        #expect(reply?.status == .cancelled && reply?.content == "partial")
        h.send(.completion(requestID: 1, event: .contentDelta(" late")))
        #expect(h.state.session.currentBranch.last?.content == "partial")
    }

    @Test func ctrlCCancelsButNeverQuits() {
        let h = Harness()
        h.type("q"); h.key(Key(.enter))
        let effects = h.key(.ctrl("c"))
        #expect(effects.first == .cancelStream(requestID: 1))
        #expect(!h.state.quitRequested)
        let idle = h.key(.ctrl("c"))
        #expect(!idle.contains(.quit) && !h.state.quitRequested)
        #expect(h.key(.ctrl("q")).contains(.quit))
    }

    @Test func pastedNewlinesAreTextNotSend() {
        let h = Harness()
        let effects = h.send(.input(.paste("line one\nline two\n")))
        #expect(effects.isEmpty)
        #expect(h.state.prompt.text == "line one\nline two\n")
        #expect(h.state.session.messages.isEmpty)
    }

    @Test func regenerateMakesASiblingAndFlippingSwitchesBranch() {
        let h = Harness()
        h.type("q"); h.key(Key(.enter))
        var first = Reply(); first.content = "one"; first.finishReason = "stop"
        h.send(.completion(requestID: 1, event: .finished(first)))
        let effects = h.key(.ctrl("g"))
        #expect(effects.contains { if case .startStream(2, _, _) = $0 { true } else { false } })
        var second = Reply(); second.content = "two"; second.finishReason = "stop"
        h.send(.completion(requestID: 2, event: .finished(second)))
        let user = h.state.session.currentBranch[0]
        #expect(h.state.session.children(of: user.id).map(\.content) == ["one", "two"])
        #expect(h.state.session.currentBranch.last?.content == "two")
        h.key(.alt("["))
        #expect(h.state.session.currentBranch.last?.content == "one")
    }

    @Test func editLastSendsTheEditedPromptAsASiblingBranch() {
        let h = Harness()
        h.type("first"); h.key(Key(.enter))
        var r = Reply(); r.content = "a"; r.finishReason = "stop"
        h.send(.completion(requestID: 1, event: .finished(r)))
        h.key(.alt("e"))
        #expect(h.state.prompt.text == "first")
        h.key(Key(.backspace)); h.type("!"); h.key(Key(.enter))
        let roots = h.state.session.children(of: nil)
        #expect(roots.map(\.content) == ["first", "firs!"])
        #expect(h.state.session.currentBranch.first?.content == "firs!")
    }

    @Test func sendingWithoutAModelOpensThePicker() {
        let h = Harness(model: nil)
        h.type("hi")
        #expect(h.key(Key(.enter)).isEmpty)
        #expect(h.state.focus == .picker)
        #expect(h.state.prompt.text == "hi", "the prompt is kept")
    }

    @Test func pickerFiltersAndChoosesAModel() {
        let h = Harness()
        h.key(.ctrl("p"))
        #expect(h.state.focus == .picker)
        h.type("oth")
        #expect(h.state.picker.visibleModels(in: h.state.catalog).map(\.id) == ["b/other"])
        let effects = h.key(Key(.enter))
        #expect(h.state.session.model == "b/other")
        #expect(h.state.picker.recents == ["b/other"])
        #expect(h.state.focus == .prompt)
        #expect(effects.contains(.savePickerPreferences(favourites: [], recents: ["b/other"])))
    }

    @Test func historyRecallRestoresTheDraft() {
        let h = Harness()
        h.state.history.record("old one")
        h.state.history.record("old two")
        h.type("draft")
        h.key(Key(.up))
        #expect(h.state.prompt.text == "old two")
        h.key(Key(.up))
        #expect(h.state.prompt.text == "old one")
        h.key(Key(.down)); h.key(Key(.down))
        #expect(h.state.prompt.text == "draft")
    }

    @Test func readlineEditing() {
        var e = PromptEditor(text: "hello big world")
        e.killWordBackward()
        #expect(e.text == "hello big ")
        e.moveToLineStart(); e.moveWordForward()
        #expect(e.caret == 5)
        e.killToLineEnd()
        #expect(e.text == "hello")
        e.yank()
        #expect(e.text == "hello big ")
        var cjk = PromptEditor(text: "你好👋🏽")
        cjk.backspace()
        #expect(cjk.text == "你好")
    }

    @Test func fuzzyMatchingPrefersWordStarts() throws {
        let a = try #require(FuzzyMatcher.match("cs4", in: "anthropic/claude-sonnet-4"))
        let b = try #require(FuzzyMatcher.match("cs4", in: "some/cheap-scale-v4-extended-long-name"))
        #expect(a.score > b.score)
        #expect(FuzzyMatcher.match("xyz", in: "anthropic/claude") == nil)
    }

    @Test func lastCodeBlockIsFound() {
        let text = "intro\n```swift\nlet a = 1\n```\nmid\n```\nprint(2)\n```\n"
        #expect(CodeBlocks.last(in: text) == "print(2)")
        #expect(CodeBlocks.last(in: "no code") == nil)
    }
}
