import Foundation

extension PrismConfig {
    /// Reads `[web]` (`max_results`, `engine`, `search_prompt`), `[pdf]` (`engine`) and
    /// `[cache]` (`auto`, `min_tokens`); a bad value is an error with its line.
    static func readFeatures(_ reader: inout ConfigFileReader) throws(TOMLError) -> RequestFeatures? {
        reader.warnUnknown(in: ["web"], known: ["max_results", "engine", "search_prompt"])
        reader.warnUnknown(in: ["pdf"], known: ["engine"])
        reader.warnUnknown(in: ["cache"], known: ["auto", "min_tokens"])
        let web = try reader.table("web"), pdf = try reader.table("pdf"), cache = try reader.table("cache")
        guard web != nil || pdf != nil || cache != nil else { return nil }
        var features = RequestFeatures()
        if let n = try reader.integer("web", "max_results", atLeast: 1) {
            guard WebSearchSettings.resultRange.contains(n) else {
                throw reader.error(["web", "max_results"], "must be from 1 to \(WebSearchSettings.resultRange.upperBound)")
            }
            features.web.maxResults = n
        }
        features.web.engine = try reader.choice("web", "engine", from: WebSearchSettings.engines)
        features.web.searchPrompt = try reader.string("web", "search_prompt")
        features.pdfEngine = try reader.choice("pdf", "engine", from: PDFEngine.allCases.map(\.rawValue)).flatMap(PDFEngine.init)
        if let auto = try reader.bool("cache", "auto") { features.cache.auto = auto }
        if let min = try reader.integer("cache", "min_tokens", atLeast: 1) { features.cache.minTokens = min }
        return features
    }
}
