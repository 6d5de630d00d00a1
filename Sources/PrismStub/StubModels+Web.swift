import Foundation

/// `stub/web`: answers with numbered sources when the request searches the web (the `web`
/// plugin, or an `:online` model), sending them as `annotations` in the finish chunk as
/// OpenRouter does; one title carries an escape sequence and one URL is not http(s), so
/// front ends show they clean what a web page says. Without a search it says so. Asked to
/// "take your time", it sends the sources with its third piece and every piece slowly (200 ms
/// apart, 40 filler pieces after the answer), so a test can stop it mid-reply after the sources arrived.
///
/// `stub/cache`: reports most of a 2,000-token prompt as read from the cache, with an
/// `input_cache_read` price in the catalog, so savings can be checked end to end.
extension StubModels {
    public static let web = "stub/web"
    public static let cache = "stub/cache"
    static let cacheReadPrice = "0.0000003"

    /// The sources `stub/web` cites, in order.
    public static let webCitations = [
        StubCitation(url: "https://www.met.no/en/weather/oslo", title: "Oslo weather – MET Norway", content: "3 cm of snow"),
        StubCitation(url: "https://example.org/forecast?day=2", title: "Forecast\u{1B}]8;;https://evil.example\u{07}click\u{1B}[2J", content: "more tomorrow"),
        StubCitation(url: "javascript:alert(1)", title: "Not a link"),
    ]

    static let webModel = model(web, "Web", "With web search on (--web, /web, or :online): an answer citing three sources.") { _ in
        .stream(StubReply(content: words("Turn web search on to get sources.")))
    }

    static let cacheModel = model(cache, "Cache", "Reports 1,800 of 2,000 prompt tokens read from the cache.",
                                  prompt: "0.000003", completion: "0.000015") { _ in
        .stream(StubReply(content: words("Most of this prompt came from the cache."), promptTokens: 2000, cachedTokens: 1800,
                          cost: "0.0011"))
    }

    /// The web model's reply to `request`: cited when it searches, a hint when it does not.
    public static func webReply(_ request: RecordedRequest) -> StubBehavior {
        let plugins = (request["plugins"] as? [[String: Any]]) ?? []
        let searches = plugins.contains { $0["id"] as? String == "web" }
            || (request.model ?? "").split(separator: ":").dropFirst().contains("online")
        guard searches else {
            return .stream(StubReply(content: words("No web search was asked for, so there are no sources."), cost: "0.00001"))
        }
        var reply = StubReply(content: words("Oslo had 3 cm of snow today [1]. More is forecast for tomorrow [2]. See also [3]."),
                              cost: "0.0071")
        reply.citations = webCitations
        if (request.lastUserText ?? "").localizedCaseInsensitiveContains("take your time") {
            reply.content += [" "] + StubReply.fillerPieces(count: 40)
            reply.interChunkDelay = 0.2
            reply.citationsWithContent = 2
        }
        return .stream(reply)
    }
}
