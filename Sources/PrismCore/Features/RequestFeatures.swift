import Foundation

/// `[web]`, `[pdf]` and `[cache]` from config: what web search uses when it is turned on,
/// the PDF engine new conversations start with, and the prompt-caching policy.
public struct RequestFeatures: Sendable, Equatable {
    /// The settings `--web`, the chat screen's toggle and `/web on` turn on.
    public var web: WebSearchSettings
    public var pdfEngine: PDFEngine?
    public var cache: PromptCacheSettings

    public init(web: WebSearchSettings = WebSearchSettings(), pdfEngine: PDFEngine? = nil,
                cache: PromptCacheSettings = PromptCacheSettings()) {
        self.web = web
        self.pdfEngine = pdfEngine
        self.cache = cache
    }
}
