import Foundation
import Testing
@testable import PrismCore

/// `annotations` of type `url_citation`, from streamed deltas and from a final message.
@Suite struct CitationDecodingTests {
    let hostile = "Evil\\u001b]8;;http://x\\u0007 title"

    func annotations(_ items: String) -> String {
        #"{"choices":[{"index":0,"delta":{"content":"","annotations":["# + items + #"]},"finish_reason":"stop"}]}"#
    }

    func cite(_ url: String, _ title: String) -> String {
        #"{"type":"url_citation","url_citation":{"url":""# + url + #"","title":""# + title + #"","content":"snippet","start_index":4,"end_index":9}}"#
    }

    @Test func citationsInALateDeltaAreKeptInOrderWithEverything() throws {
        for decodeFast in [true, false] {
            var a = ReplyAccumulator()
            _ = a.consume(data: #"{"choices":[{"index":0,"delta":{"content":"Oslo is cold [1][2]."}}]}"#)
            let payload = annotations(cite("https://met.no/weather", "Weather") + "," + cite("https://yr.no/oslo", hostile))
            if decodeFast {
                _ = a.consume(data: payload)
            } else {
                let chunk = try JSONDecoder().decode(StreamChunk.self, from: Data(payload.utf8))
                _ = a.consume(chunk)
            }
            let c = a.reply.citations
            #expect(c.count == 2)
            #expect(c[0] == Citation(url: "https://met.no/weather", title: "Weather", content: "snippet", startIndex: 4, endIndex: 9))
            #expect(c[1].title == "Evil\u{1b}]8;;http://x\u{07} title")
            #expect(a.reply.content == "Oslo is cold [1][2].")
        }
    }

    @Test func unknownTypesAndMissingFieldsAreSkippedAndCountedNeverFailingTheChunk() {
        var a = ReplyAccumulator()
        let items = [
            #"{"type":"file_annotation","file":{"id":"f"}}"#,
            #"{"type":"url_citation","url_citation":{"title":"no url"}}"#,
            #"{"type":"url_citation","url_citation":{"url":"https://a.example/","title":7}}"#,
            "42",
            #"{"type":"url_citation"}"#,
        ].joined(separator: ",")
        let events = a.consume(data: #"{"choices":[{"index":0,"delta":{"content":"x","annotations":["# + items + #"]}}]}"#)
        #expect(!events.isEmpty)
        #expect(a.reply.content == "x")
        #expect(a.reply.citations == [Citation(url: "https://a.example/")])
        #expect(a.reply.skippedAnnotations == 4)
        #expect(a.undecodableEvents == 0)
        // Not an array at all: nothing, and the chunk still counts.
        var b = ReplyAccumulator()
        _ = b.consume(data: #"{"choices":[{"index":0,"delta":{"content":"y","annotations":{"odd":true}}}]}"#)
        #expect(b.reply.content == "y" && b.reply.citations.isEmpty && b.undecodableEvents == 0)
    }

    @Test func aRepeatedListKeepsEachSourceOnce() {
        var a = ReplyAccumulator()
        _ = a.consume(data: annotations(cite("https://a.example/", "A")))
        _ = a.consume(data: annotations(cite("https://a.example/", "A") + "," + cite("https://b.example/", "B")))
        #expect(a.reply.citations.map(\.url) == ["https://a.example/", "https://b.example/"])
    }

    @Test func aFinalMessageCarriesCitationsToo() {
        var a = ReplyAccumulator()
        let body = #"{"id":"gen-1","choices":[{"index":0,"message":{"role":"assistant","content":"Done [1]","annotations":["#
            + cite("https://a.example/p", "A") + #"]},"finish_reason":"stop"}]}"#
        _ = a.consume(data: body)
        #expect(a.reply.citations.map(\.title) == ["A"])
    }

    @Test func citationsAreSavedOnTheMessageAndReadLeniently() throws {
        var reply = Reply()
        reply.content = "x"
        reply.citations = [Citation(url: "https://a.example/", title: "A", startIndex: 1)]
        var m = Message(id: "a", parentID: nil, role: .assistant, content: "", createdAt: Date(timeIntervalSince1970: 0))
        m.apply(reply)
        let data = try JSONEncoder().encode(m)
        #expect(String(decoding: data, as: UTF8.self).contains(#""citations":[{"#))
        #expect(try JSONDecoder().decode(Message.self, from: data).citations == reply.citations)
        let odd = #"{"id":"a","role":"assistant","content":"x","created_at":0,"citations":[{"url":5},{"url":"https://b.example/"}]}"#
        #expect(try JSONDecoder().decode(Message.self, from: Data(odd.utf8)).citations == [Citation(url: "https://b.example/")])
        let wrong = #"{"id":"a","role":"assistant","content":"x","created_at":0,"citations":"none"}"#
        #expect(try JSONDecoder().decode(Message.self, from: Data(wrong.utf8)).citations == nil)
        var plain = Message(id: "b", parentID: nil, role: .assistant, content: "", createdAt: Date(timeIntervalSince1970: 0))
        plain.apply(Reply())
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("citations"))
    }

    @Test func cachedAndWrittenTokensComeFromTheStreamsUsage() {
        var a = ReplyAccumulator()
        _ = a.consume(data: #"{"choices":[],"usage":{"prompt_tokens":2000,"completion_tokens":5,"cost":0.001,"prompt_tokens_details":{"cached_tokens":1800,"cache_write_tokens":150}}}"#)
        #expect(a.reply.usage?.cachedTokens == 1800)
        #expect(a.reply.usage?.cacheWriteTokens == 150)
    }

    @Test func savingsAreCachedTokensTimesThePriceDifference() {
        let pricing = ModelPricing(prompt: Decimal(string: "0.000003"), completion: 0, inputCacheRead: Decimal(string: "0.0000003"))
        let usage = TokenUsage(promptTokens: 2000, cachedTokens: 1000)
        #expect(CacheSavings.saved(usage, pricing: pricing) == Decimal(string: "0.0027"))
        #expect(CacheSavings.saved(TokenUsage(cachedTokens: 0), pricing: pricing) == nil)
        #expect(CacheSavings.saved(usage, pricing: ModelPricing(prompt: 1)) == nil)
        #expect(CacheSavings.saved(usage, pricing: ModelPricing(prompt: 1, inputCacheRead: 2)) == 0)
        let total = CacheSavings.total([(usage, pricing), (TokenUsage(cachedTokens: 500), nil), (nil, pricing)])
        #expect(total.tokens == 1500 && total.saved == Decimal(string: "0.0027"))
    }

    @Test func theCatalogDecodesCacheAndSearchPrices() throws {
        let json = #"{"prompt":"0.000003","completion":"0.000015","input_cache_read":"0.0000003","input_cache_write":"0.00000375","web_search":"0.01"}"#
        let p = try JSONDecoder().decode(ModelPricing.self, from: Data(json.utf8))
        #expect(p.inputCacheRead == Decimal(string: "0.0000003"))
        #expect(p.inputCacheWrite == Decimal(string: "0.00000375"))
        #expect(p.webSearch == Decimal(string: "0.01"))
        #expect(try JSONDecoder().decode(ModelPricing.self, from: JSONEncoder().encode(p)) == p)
    }
}
