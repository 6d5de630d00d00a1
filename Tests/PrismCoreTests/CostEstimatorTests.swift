import Foundation
import Testing
@testable import PrismCore

/// The cost preview's rules: what is exact, what is estimated and at which ratio, and how it is priced.
@Suite struct CostEstimatorTests {
    static let priced = ModelInfo(id: "other/model", pricing: ModelPricing(prompt: Decimal(string: "0.000001"),
                                                                         completion: Decimal(string: "0.000002")),
                                  maxCompletionTokens: 500)

    func reply(_ id: String, parent: String, _ text: String, prompt: Int? = nil, completion: Int? = nil, reasoning: Int? = nil) -> Message {
        var m = Message(id: id, parentID: parent, role: .assistant, content: text, createdAt: sessionTestDate(2))
        m.status = .complete
        if completion != nil || prompt != nil {
            m.usage = TokenUsage(promptTokens: prompt, completionTokens: completion, reasoningTokens: reasoning)
        }
        return m
    }

    func session(system: String? = "Be brief.", _ messages: [Message]) -> Session {
        var s = Session(id: "s", createdAt: sessionTestDate(), systemPrompt: system, model: "other/model")
        for m in messages { s.append(m) }
        return s
    }

    func user(_ id: String, parent: String?, _ text: String, attachments: [PrismCore.Attachment] = []) -> Message {
        Message(id: id, parentID: parent, role: .user, content: text, attachments: attachments, createdAt: sessionTestDate(1))
    }

    @Test func theThreadUpToTheLastReplyWithUsageIsExactAndOnlyWhatFollowsIsEstimated() {
        let s = session([user("u1", parent: nil, "first"), reply("a1", parent: "u1", "answer", prompt: 100, completion: 50, reasoning: 10),
                         user("u2", parent: "a1", "second")])
        let e = CostEstimator.estimate(model: "other/model", session: s, upTo: "u2", catalog: [Self.priced], maxTokensCap: 4096,
                                       draft: "abcdefg")
        // Exact: 100 prompt + 40 answer tokens (reasoning is not sent back). Estimated: "second" and the
        // draft, 13 bytes at 3.5 = 4 tokens, plus 4 per message for the two messages.
        #expect(e.exactPromptTokens == 140)
        #expect(e.promptTokens == 152)
        #expect(e.inputCost == Decimal(152) * Decimal(string: "0.000001")!)
    }

    @Test func theSessionsOwnRepliesCalibrateTheRatio() {
        let long = String(repeating: "w", count: 400)
        let s = session([user("u1", parent: nil, "q"), reply("a1", parent: "u1", long, prompt: 20, completion: 100)])
        let thread = ThreadEstimate(session: s, upTo: "a1")
        #expect(thread.calibratedRatio == 4.0, "400 characters over 100 completion tokens")
        // The calibrated 4.0 wins over anthropic's default 3.5: 40 bytes are 10 tokens, plus 4.
        let basis = EstimateBasis(thread: thread, draft: PendingText(message: String(repeating: "d", count: 40)),
                                  explicitMaxTokens: nil, maxTokensCap: 4096)
        #expect(CostEstimator.promptTokens(model: "anthropic/claude", basis: basis) == 120 + 14)
        // Too few tokens to trust: the family default is used instead.
        let short = session([user("u1", parent: nil, "q"), reply("a1", parent: "u1", "tiny", prompt: 20, completion: 3)])
        #expect(ThreadEstimate(session: short, upTo: "a1").calibratedRatio == nil)
    }

    @Test func withoutUsageTheWholeThreadIsEstimatedAtTheModelFamilysDefault() {
        // System 8 bytes + user 20 + draft 12 = 40 bytes over three messages (12 tokens of overhead).
        let s = session(system: "12345678", [user("u1", parent: nil, String(repeating: "u", count: 20)),
                                              reply("a1", parent: "u1", "")])
        let basis = EstimateBasis(thread: ThreadEstimate(session: s, upTo: "a1"), draft: PendingText(message: String(repeating: "d", count: 12)),
                                  explicitMaxTokens: nil, maxTokensCap: 4096)
        #expect(basis.thread.exactTokens == 0)
        #expect(basis.thread.pending.messages == 2, "the empty failed reply is not sent, so not counted")
        #expect(CostEstimator.promptTokens(model: "openai/gpt-5", basis: basis) == 10 + 12, "openai: 4 bytes a token")
        #expect(CostEstimator.promptTokens(model: "someone/else", basis: basis) == 12 + 12, "fallback: 3.5 bytes a token")
    }

    @Test func attachmentsCountByTheirRules() {
        var text = PendingText(message: "")
        text.add(PrismCore.Attachment(kind: .file, source: "/a.md", mimeType: "text/markdown", byteSize: 400))
        #expect(text.bytes == 400 && text.fixedTokens == 0)
        var pdf = PendingText()
        pdf.add(PrismCore.Attachment(kind: .file, source: "/a.pdf", mimeType: "application/pdf", byteSize: 2000))
        #expect(pdf.fixedTokens == 100)
        var image = PendingText()
        image.add(PrismCore.Attachment(kind: .image, source: "/a.png", mimeType: "image/png", byteSize: 5_000_000))
        #expect(image.fixedTokens == PendingText.imageTokens && image.images == 1)
        var unknown = PendingText()
        unknown.add(PrismCore.Attachment(kind: .file, source: "https://x/y.pdf", mimeType: "application/pdf"))
        #expect(unknown.fixedTokens == PendingText.unknownFileTokens)
        // An image is priced per image too, when the model has such a price.
        let visual = ModelInfo(id: "v/model", pricing: ModelPricing(prompt: 0, completion: 0, image: Decimal(string: "0.002")))
        let basis = EstimateBasis(thread: ThreadEstimate(), draft: PendingText(message: "hi", attachments: [
            PrismCore.Attachment(kind: .image, source: "/a.png", mimeType: "image/png", byteSize: 10)]), explicitMaxTokens: nil, maxTokensCap: 100)
        #expect(CostEstimator.estimate(model: "v/model", info: visual, basis: basis).inputCost == Decimal(string: "0.002"))
    }

    @Test func anUnknownPriceIsNilNeverZero() {
        let basis = EstimateBasis(thread: ThreadEstimate(), draft: PendingText(message: "hello"), explicitMaxTokens: nil, maxTokensCap: 4096)
        let missing = CostEstimator.estimate(model: "x/unknown", info: nil, basis: basis)
        #expect(missing.inputCost == nil && missing.maxOutputCost == nil && missing.worstCase == nil && missing.summary == nil)
        #expect(missing.promptTokens > 0 && missing.maxOutputTokens == 4096)
        let router = ModelInfo(id: "openrouter/auto")  // "-1" prices decode to nil
        #expect(CostEstimator.estimate(model: router.id, info: router, basis: basis).worstCase == nil)
        let inputOnly = ModelInfo(id: "half/model", pricing: ModelPricing(prompt: Decimal(string: "0.001")))
        let half = CostEstimator.estimate(model: inputOnly.id, info: inputOnly, basis: basis)
        #expect(half.inputCost != nil && half.worstCase == nil)
        #expect(half.summary == "≈ \(Formatting.usd(half.inputCost!)) in", "no worst case claimed without an output price")
    }

    @Test func thePerRequestFeeIsPartOfTheInput() {
        let fee = ModelInfo(id: "fee/model", pricing: ModelPricing(prompt: 0, completion: Decimal(string: "0.00001"), request: Decimal(string: "0.005")))
        let basis = EstimateBasis(thread: ThreadEstimate(), draft: PendingText(message: "hello"), explicitMaxTokens: nil, maxTokensCap: 100)
        let e = CostEstimator.estimate(model: fee.id, info: fee, basis: basis)
        #expect(e.inputCost == Decimal(string: "0.005"))
        #expect(e.maxOutputCost == Decimal(string: "0.001"))
        #expect(e.worstCase == Decimal(string: "0.006"))
        #expect(e.summary == "≈ $0.005 in · ≤ $0.006 at most")
    }

    @Test func maxTokensIsWhatTheRequestWouldCarry() {
        let catalog = [Self.priced, ModelInfo(id: "big/model", maxCompletionTokens: 64_000)]
        for explicit in [nil, 2000] {
            var s = session([user("u1", parent: nil, "q")])
            s.settings.maxTokens = explicit
            for model in ["other/model", "big/model", "x/unknown"] {
                let e = CostEstimator.estimate(model: model, session: s, upTo: "u1", catalog: catalog, maxTokensCap: 4096, draft: "d")
                let sent = ChatRequest.build(model: model, session: s, upTo: "u1", catalog: catalog, maxTokensCap: 4096, routing: .none)
                #expect(e.maxOutputTokens == sent.maxTokens, "\(model), explicit \(String(describing: explicit))")
            }
        }
        let small = CostEstimator.estimate(model: "other/model", session: session([]), upTo: nil, catalog: catalog, maxTokensCap: 4096, draft: "d")
        #expect(small.maxOutputTokens == 500 && small.maxOutputCost == Decimal(1000) * Decimal(string: "0.000001")!)
    }

    @Test func aCompareRoundSumsItsPanesAndAnUnknownPaneMakesTheSumUnknown() {
        let a = CostEstimate(model: "a", promptTokens: 1, exactPromptTokens: 0, inputCost: 1, maxOutputTokens: 1, maxOutputCost: 2)
        let b = CostEstimate(model: "b", promptTokens: 1, exactPromptTokens: 0, inputCost: 3, maxOutputTokens: 1, maxOutputCost: 4)
        let c = CostEstimate(model: "c", promptTokens: 1, exactPromptTokens: 0, inputCost: nil, maxOutputTokens: 1, maxOutputCost: nil)
        #expect(CostEstimate.total([a, b]).input == 4 && CostEstimate.total([a, b]).worstCase == 10)
        #expect(CostEstimate.total([a, c]).input == nil && CostEstimate.total([a, c]).worstCase == nil)
    }
}
