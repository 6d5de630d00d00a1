import Foundation

/// OpenRouter's `web` plugin: search the web before answering, citing what was found.
///
/// Saved with the session (`settings.web`) so a resumed conversation keeps searching;
/// nil means off. Decoded leniently: a field of the wrong type reads as unset.
public struct WebSearchSettings: Codable, Sendable, Equatable, Hashable {
    /// Results per search (OpenRouter's default is 5; it takes at most 10 from Exa).
    public var maxResults: Int?
    /// `native`, `exa`, `firecrawl`, `parallel` or `perplexity`; nil lets OpenRouter choose.
    public var engine: String?
    /// The text that introduces the results to the model; nil for OpenRouter's own.
    public var searchPrompt: String?

    public static let engines = ["native", "exa", "firecrawl", "parallel", "perplexity"]
    public static let resultRange = 1...25
    /// What a search costs when the catalog names no `web_search` price: the reference's
    /// figure for Exa (USD per request). Always shown as an estimate.
    public static let defaultPricePerRequest = Decimal(string: "0.007")!

    public init(maxResults: Int? = nil, engine: String? = nil, searchPrompt: String? = nil) {
        self.maxResults = maxResults
        self.engine = engine
        self.searchPrompt = searchPrompt
    }

    enum CodingKeys: String, CodingKey {
        case maxResults = "max_results", engine, searchPrompt = "search_prompt"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxResults = c.lenient(Int.self, .maxResults)
        engine = c.lenient(String.self, .engine)
        searchPrompt = c.lenient(String.self, .searchPrompt)
    }

    /// The plugin object as the request sends it.
    var plugin: [String: Any] {
        var out: [String: Any] = ["id": "web"]
        if let maxResults { out["max_results"] = maxResults }
        if let engine { out["engine"] = engine }
        if let searchPrompt, !searchPrompt.isEmpty { out["search_prompt"] = searchPrompt }
        return out
    }

    /// True when `model` already searches through its `:online` variant, so the plugin
    /// must not be sent a second time.
    public static func isOnlineVariant(_ model: String) -> Bool {
        model.split(separator: ":").dropFirst().contains("online")
    }
}
