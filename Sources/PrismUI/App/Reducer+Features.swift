import Foundation
import PrismCore

extension Reducer {
    /// The toggle key: web search on (with config's `[web]` settings) or off for this session.
    static func toggleWeb(_ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        setWeb(&state, state.session.settings.web == nil ? env.features.web : nil)
    }

    /// `/web on|off|N`: on with config's settings, off, or on with N results; bare `/web` says
    /// whether it is on.
    static func webCommand(_ state: inout AppState, _ argument: String, _ env: ReducerEnvironment) -> [Effect] {
        let range = WebSearchSettings.resultRange
        switch argument.lowercased() {
        case "":
            notify(&state, webStatus(state.session.settings.web, model: state.session.model))
            return []
        case "on": return setWeb(&state, state.session.settings.web ?? env.features.web)
        case "off": return setWeb(&state, nil)
        default:
            guard let n = Int(argument), range.contains(n) else {
                notify(&state, "usage: /web on|off|N (N results per search, \(range.lowerBound) to \(range.upperBound))", .error)
                return []
            }
            var web = state.session.settings.web ?? env.features.web
            web.maxResults = n
            return setWeb(&state, web)
        }
    }

    private static func setWeb(_ state: inout AppState, _ web: WebSearchSettings?) -> [Effect] {
        state.session.settings.web = web
        notify(&state, webStatus(web, model: state.session.model))
        return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }

    static func webStatus(_ web: WebSearchSettings?, model: String?) -> String {
        guard let web else {
            if let model, WebSearchSettings.isOnlineVariant(model) { return "web search off (the :online model still searches)" }
            return "web search off"
        }
        let results = web.maxResults.map { ", \($0) results" } ?? ""
        return "web search on\(results): each prompt also pays for a search (≈\(Formatting.usd(WebSearchSettings.defaultPricePerRequest)) unless the catalog says)"
    }

    /// `/pdf ENGINE`: how this session's PDFs are read (`/pdf` alone says which; `/pdf default` clears it).
    static func pdfCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        if argument.isEmpty {
            notify(&state, "PDF engine: \(state.session.settings.pdfEngine?.rawValue ?? "OpenRouter's default") (choices: \(PDFEngine.choices))")
            return []
        }
        var engine: PDFEngine?
        if argument.lowercased() != "default" {
            do { engine = try PDFEngine.parse(argument) } catch {
                notify(&state, error.message, .error)
                return []
            }
        }
        state.session.settings.pdfEngine = engine
        state.pendingAttachments = state.pendingAttachments.map { $0.noting(pdfEngine: engine) }
        notify(&state, "PDFs are read with \(engine?.rawValue ?? "OpenRouter's default engine")")
        return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }
}
