import ArgumentParser
import Foundation
import PrismCore

/// `--web`, `--web-results`, `--pdf-engine`, `--no-links`: OpenRouter's request features for
/// `ask` and `compare`, over config's `[web]` and `[pdf]`.
struct FeatureOptions: ParsableArguments {
    @Flag(help: "Search the web first (OpenRouter's web plugin, priced per search); sources are listed under the reply.")
    var web = false

    @Option(name: .customLong("web-results"), help: "Results per web search, 1 to 25 (implies --web; config [web] max_results).")
    var webResults: Int?

    @Option(name: .customLong("pdf-engine"), help: "How attached PDFs are read: pdf-text, mistral-ocr, cloudflare-ai or native (config [pdf] engine).")
    var pdfEngine: String?

    @Flag(name: .customLong("no-links"), help: "Print sources as plain text, without terminal hyperlinks.")
    var noLinks = false

    func validate() throws {
        if let webResults, !WebSearchSettings.resultRange.contains(webResults) {
            throw ValidationError("--web-results must be from 1 to \(WebSearchSettings.resultRange.upperBound)")
        }
        if let pdfEngine {
            do { _ = try PDFEngine.parse(pdfEngine) } catch { throw ValidationError("--pdf-engine: \(error.message)") }
        }
    }

    /// The settings with web search and the PDF engine as the flags and config say.
    func apply(to settings: inout RequestSettings, features: RequestFeatures) {
        if web || webResults != nil {
            var search = features.web
            if let webResults { search.maxResults = webResults }
            settings.web = search
        }
        if let pdfEngine, let engine = try? PDFEngine.parse(pdfEngine) { settings.pdfEngine = engine }
    }

    /// True when sources may be printed as OSC 8 hyperlinks: stdout is a terminal, and
    /// neither `--no-links` nor `NO_COLOR` asks for plain text.
    var linksAllowed: Bool {
        !noLinks && StandardIO.stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR", default: ""].isEmpty
    }
}
