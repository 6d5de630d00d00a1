import Foundation
import Testing
@testable import PrismCore

/// `ChatRequest.build`, the one place every request (chat, compare pane, ask, compare) is made.
@Suite struct RequestBuildTests {
    let catalog = [ModelInfo(id: "small/model", contextLength: 8000, pricing: ModelPricing(prompt: Decimal(string: "0.000001"),
                                                                                          completion: Decimal(string: "0.000002")),
                             maxCompletionTokens: 500),
                   ModelInfo(id: "big/model", contextLength: 200_000, maxCompletionTokens: 64_000)]

    func session(maxTokens: Int? = nil) -> Session {
        var s = Session(id: "s", createdAt: sessionTestDate(), systemPrompt: "Be brief.", model: "small/model",
                        settings: RequestSettings(maxTokens: maxTokens, temperature: 0.3))
        s.append(Message(id: "u1", parentID: nil, role: .user, content: "first", createdAt: sessionTestDate(1)))
        var a = Message(id: "a1", parentID: "u1", role: .assistant, content: "answer", createdAt: sessionTestDate(2))
        a.status = .complete
        s.append(a)
        s.append(Message(id: "u2", parentID: "a1", role: .user, content: "second", createdAt: sessionTestDate(3)))
        return s
    }

    @Test func theConfiguredCapIsLoweredToEachModelsOwnLimit() {
        let small = ChatRequest.build(model: "small/model", session: session(), upTo: "u2", catalog: catalog, maxTokensCap: 4096, routing: .none)
        let big = ChatRequest.build(model: "big/model", session: session(), upTo: "u2", catalog: catalog, maxTokensCap: 4096, routing: .none)
        let unknown = ChatRequest.build(model: "x/unknown", session: session(), upTo: "u2", catalog: catalog, maxTokensCap: 4096, routing: .none)
        #expect(small.maxTokens == 500 && big.maxTokens == 4096 && unknown.maxTokens == 4096)
        #expect(small.pricing?.prompt == Decimal(string: "0.000001") && unknown.pricing == nil)
    }

    @Test func anExplicitBudgetWinsAndTheThreadIsSentWithItsSystemPrompt() {
        let request = ChatRequest.build(model: "small/model", session: session(maxTokens: 2000), upTo: "u2", catalog: catalog, maxTokensCap: 4096, routing: .none)
        #expect(request.maxTokens == 2000)
        #expect(request.settings.temperature == 0.3)
        #expect(request.messages.map(\.content) == ["Be brief.", "first", "answer", "second"])
        let earlier = ChatRequest.build(model: "small/model", session: session(), upTo: "u1", catalog: catalog, maxTokensCap: 4096, routing: .none)
        #expect(earlier.messages.map(\.content) == ["Be brief.", "first"])
    }
}
