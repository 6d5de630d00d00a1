import Foundation
import Testing
@testable import PrismCore

/// The weighted score that picks a model for a prompt, checked against hand-worked figures.
@Suite("Route: the weighted score and its explanation")
struct RouteScorerTests {
    static let request = RouteRequest(tag: .code, tagReason: "has a code block", promptTokens: 1_000)

    static func rated(_ model: String, _ value: Double, matches: Int, cost: String = "0.01") -> RouteCandidate {
        RouteCandidate(model: model, rating: .init(value: value, uncertainty: 50, matches: matches, onTag: true),
                       expectedCost: Decimal(string: cost), contextLength: 100_000)
    }

    @Test func qualityIsTheEloChanceShrunkByFewMatches() throws {
        let decision = RouteScorer.decide([Self.rated("a/strong", 1600, matches: 20), Self.rated("b/weak", 1400, matches: 20)],
                                          request: Self.request)
        let a = try #require(decision.ranked.first { $0.model == "a/strong" })
        let b = try #require(decision.ranked.first { $0.model == "b/weak" })
        // p = 1 / (1 + 10^(-100/400)) = 0.6401; trust 20/25 = 0.8; 0.5 + 0.1401 × 0.8 = 0.6121.
        #expect(abs(a.quality - 0.6121) < 0.0005)
        #expect(abs(b.quality - 0.3879) < 0.0005)
        // Same cost (1 each), speed unknown (0.5), no specialty: 0.4 × 0.6121 + 0.3 + 0.1 = 0.6448.
        #expect(abs(a.total - 0.6448) < 0.0005)
        #expect(decision.choice?.model == "a/strong")
        #expect(decision.confidence == .high)
    }

    @Test func oneWinIsNotAVerdict() throws {
        let decision = RouteScorer.decide([Self.rated("a/lucky", 1550, matches: 1), Self.rated("b/other", 1450, matches: 1)],
                                          request: Self.request)
        let lucky = try #require(decision.choice)
        // p = 0.5715; trust 1/6: quality 0.5119, barely above even.
        #expect(abs(lucky.quality - 0.5119) < 0.0005)
        #expect(decision.confidence == .low)
        #expect(decision.line.hasSuffix("· low confidence"))
    }

    @Test func costIsOnALogScaleCheapestOne() {
        let decision = RouteScorer.decide([
            RouteCandidate(model: "a/cheap", expectedCost: Decimal(string: "0.001")),
            RouteCandidate(model: "b/mid", expectedCost: Decimal(string: "0.01")),
            RouteCandidate(model: "c/dear", expectedCost: Decimal(string: "0.1")),
            RouteCandidate(model: "d/unknown"),
        ], request: Self.request)
        let cost = Dictionary(uniqueKeysWithValues: decision.ranked.map { ($0.model, $0.cost) })
        #expect(abs(cost["a/cheap"]! - 1) < 1e-9 && abs(cost["b/mid"]! - 0.5) < 1e-9 && abs(cost["c/dear"]!) < 1e-9)
        #expect(cost["d/unknown"] == 0.5)
        #expect(decision.ranked.map(\.model).first == "a/cheap")
    }

    @Test func speedAndSpecializationCount() throws {
        var fast = RouteCandidate(model: "a/fast", ttft: 0.5, tokensPerSecond: 100, speedSource: .history)
        fast.specialties = []
        let coder = RouteCandidate(model: "b/coder", ttft: 1.0, tokensPerSecond: 50, speedSource: .history,
                                   specialties: RouteCandidate.specialties(id: "b/qwen3-coder"))
        let decision = RouteScorer.decide([fast, coder], request: Self.request)
        let a = try #require(decision.ranked.first { $0.model == "a/fast" })
        let b = try #require(decision.ranked.first { $0.model == "b/coder" })
        #expect(a.speed == 1 && b.speed == 0.5)
        #expect(b.specialization == 1 && a.specialization == 0)
        // a: 0.4×0.5 + 0.3×0.5 + 0.2×1 = 0.55; b: 0.2 + 0.15 + 0.1 + 0.1 = 0.55: a tie, the id breaks it.
        #expect(abs(a.total - b.total) < 1e-9)
        #expect(decision.choice?.model == "a/fast")
    }

    @Test func candidatesThatCannotTakeThePromptAreLeftOutWithTheReason() {
        var small = Self.rated("a/small", 1700, matches: 30)
        small.contextLength = 512
        var blind = Self.rated("b/blind", 1650, matches: 30)
        blind.acceptsImages = false
        var dear = Self.rated("c/dear", 1600, matches: 30)
        dear.acceptsImages = true
        dear.worstCost = 2
        var ok = Self.rated("d/ok", 1400, matches: 30)
        ok.acceptsImages = true
        ok.worstCost = Decimal(string: "0.05")
        var request = Self.request
        request.hasImages = true
        request.perRequestCap = Decimal(string: "0.5")
        let decision = RouteScorer.decide([small, blind, dear, ok], request: request)
        #expect(decision.choice?.model == "d/ok")
        #expect(decision.excluded.map(\.model) == ["a/small", "b/blind", "c/dear"])
        #expect(decision.excluded[0].reason.contains("does not fit its 512 context"))
        #expect(decision.excluded[1].reason == "takes no images")
        #expect(decision.excluded[2].reason.contains("over the per-request cap"))
    }

    @Test func theOneLineSaysWhereAndWhy() {
        var best = Self.rated("qwen/qwen3-coder", 1620, matches: 12, cost: "0.004")
        best.ttft = 0.6
        let decision = RouteScorer.decide([best, Self.rated("b/two", 1500, matches: 12), Self.rated("c/three", 1450, matches: 12),
                                           Self.rated("d/four", 1400, matches: 12)], request: Self.request)
        #expect(decision.line == "code → qwen/qwen3-coder: rated 1st of 4 on code (12 matches), ≈$0.004, TTFT p50 0.6 s")
        #expect(decision.explanation.first == "tag: code (has a code block)")
        #expect(decision.explanation[1] == "weights: quality 40%, cost 30%, speed 20%, specialization 10%")
        #expect(decision.explanation.last == "confidence: high")
    }

    @Test func weightsAreNormalised() {
        let w = RouteWeights(quality: 2, cost: 1, speed: 1, specialization: 0).normalized
        #expect(w == RouteWeights(quality: 0.5, cost: 0.25, speed: 0.25, specialization: 0))
        #expect(RouteWeights(quality: 0, cost: 0, speed: 0, specialization: 0).normalized == .standard)
    }
}
