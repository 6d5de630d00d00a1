import Foundation
import PrismStub
import Testing
@testable import PrismCore

@Suite("Balance, generation records and free-tier 429s against the stub", .serialized)
struct BalanceAndGenerationClientTests {
    @Test func balanceIsTheAccountsWhenCreditsAnswers() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let b = try await h.client.fetchBalance()
        #expect(b == Balance(source: .account, total: 25, used: Decimal(string: "12.66"), remaining: Decimal(string: "12.34")!))
        #expect(h.server.requests.map(\.route) == ["/credits"])
    }

    @Test("403 or 404 from /credits falls back to the key's limit", arguments: [StubCreditsMode.forbidden, .notFound])
    func fallsBackToTheKeyLimit(mode: StubCreditsMode) async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        h.server.creditsMode = mode
        let b = try await h.client.fetchBalance()
        #expect(b.source == .keyLimit)
        #expect(b.remaining == Decimal(string: "7.5"))
        #expect(h.server.requests.map(\.route) == ["/credits", "/key"])
    }

    @Test func noBalanceWhenCreditsIsRefusedAndTheKeyHasNoLimit() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        h.server.creditsMode = .forbidden
        h.server.keyPayload = Data(#"{"data":{"label":"x","limit":null,"limit_remaining":null,"usage":1}}"#.utf8)
        await #expect { try await h.client.fetchBalance() } throws: { "\($0)".contains("needs a management key") }
    }

    /// Streams `model` to its end and returns the reply.
    private func reply(_ h: StubHarness, _ model: String, pricing: ModelPricing? = nil) async -> Reply {
        await h.run(h.request(model: model, pricing: pricing)).reply
    }

    @Test func aLateRecordIsTriedAgainUntilItAppears() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let served = await reply(h, "stub/fast")
        let id = try #require(served.generationID)
        h.server.generationMode = .late(notFoundFor: 2)
        let record = try await h.client.generation(id: id, tries: 4, delay: 1)
        #expect(record.id == id)
        #expect(record.totalCost == Decimal(string: "0.000093"))
        #expect(h.server.generationRequests.count == 3)
        #expect(h.server.generationRequests.allSatisfy { $0.query == "id=\(id)" })
        #expect(h.sleeps.delays == [1, 1])
    }

    @Test func aRecordThatNeverAppearsGivesUpWithAReason() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        h.server.generationMode = .missing
        await #expect { try await h.client.generation(id: "gen-nope", tries: 3, delay: 0.5) } throws: {
            "\($0)" == "the generation record was not there after 3 tries over 1 s"
        }
        #expect(h.server.generationRequests.count == 3)
    }

    @Test func aFailingLookupIsNotRetried() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        h.server.generationMode = .failing
        await #expect { try await h.client.generation(id: "gen-x", tries: 4) } throws: { "\($0)".contains("HTTP 500") }
        #expect(h.server.generationRequests.count == 1)
        #expect(h.sleeps.delays.isEmpty)
    }

    @Test func aStreamWithoutUsageGetsItsCostFromTheRecord() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let bare = await reply(h, "stub/no-usage")
        #expect(bare.usage == nil)
        #expect(bare.needsGenerationLookup)
        let (filled, problem) = await h.client.completingCost(of: bare)
        #expect(problem == nil)
        #expect(filled.usage?.cost == Decimal(string: "0.000093"))
        #expect(filled.usage?.source == .generation)
        #expect(filled.usage?.promptTokens == 12)
    }

    @Test func anEstimateIsReplacedByTheRecord() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let pricing = ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.000002"))
        let estimated = await reply(h, "stub/no-cost", pricing: pricing)
        #expect(estimated.usage?.source == .estimate)
        let (filled, _) = await h.client.completingCost(of: estimated)
        #expect(filled.usage?.source == .generation)
        #expect(filled.usage?.cost == Decimal(string: StubServer.defaultGenerationCost))
    }

    @Test func aReplyWithItsOwnCostOrWithoutAnOpenRouterIDIsNotLookedUp() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        let paid = await reply(h, "stub/fast")
        #expect(paid.usage?.source == .usage)
        #expect(await h.client.completingCost(of: paid).reply == paid)
        var other = Reply()
        other.generationID = "chatcmpl-123"
        #expect(!other.needsGenerationLookup)
        _ = await h.client.completingCost(of: other)
        #expect(h.server.generationRequests.isEmpty)
    }

    @Test func theGenerationIDComesFromTheHeaderBeforeAnyChunk() async throws {
        let h = try StubHarness()
        defer { h.server.stop() }
        h.server.enqueue(.stall(after: 0))
        let stream = h.client.streamChat(h.request())
        var final = Reply()
        for await event in stream {
            if case .metadata(_, _, let id?) = event, id.hasPrefix("gen-") { stream.cancel() }
            if case .finished(let r) = event { final = r }
        }
        #expect(final.failure?.kind == .cancelled)
        #expect(final.generationID?.hasPrefix("gen-") == true)
        #expect(final.needsGenerationLookup)
    }

    @Test func theDailyFreeLimitIsNotRetriedAndSaysWhenItResets() async throws {
        let h = try StubHarness(maxRetries: 3)
        defer { h.server.stop() }
        h.server.enqueue(contentsOf: [.freeDailyLimit(limit: 50), .text(["never"])])
        let r = await reply(h, "x/y:free")
        let failure = try #require(r.failure)
        #expect(failure.code == FreeTierLimit.dailyCode)
        #expect(failure.oneLine.hasPrefix("HTTP 429 free-model daily limit reached (50/day); resets at 00:00 UTC (in "))
        #expect(h.server.chatRequests.count == 1, "one request, no retry")
        #expect(h.sleeps.delays.isEmpty)
    }

    @Test func thePerMinuteLimitWaitsForTheReset() async throws {
        let h = try StubHarness(maxRetries: 3)
        defer { h.server.stop() }
        h.server.enqueue(contentsOf: [.freeMinuteLimit(resetIn: 5), .text(["ok"])])
        let r = await reply(h, "x/y:free")
        #expect(r.succeeded)
        #expect(h.server.chatRequests.count == 2)
        let delay = try #require(h.sleeps.delays.first)
        #expect(delay > 3 && delay <= 5, "the wait comes from X-RateLimit-Reset, not the 1 s backoff")
    }
}
