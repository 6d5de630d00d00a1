import Foundation

extension ChatRequest {
    /// The request's `plugins` array, one entry per feature in use; empty when none is.
    ///
    /// Web search goes as the `web` plugin unless the model is an `:online` variant, which
    /// already searches (sending both would search twice). The PDF engine goes as the
    /// `file-parser` plugin, only when the thread carries a PDF.
    var plugins: [[String: Any]] {
        var out: [[String: Any]] = []
        if let web = settings.web, !WebSearchSettings.isOnlineVariant(model) { out.append(web.plugin) }
        if let engine = settings.pdfEngine, carriesPDF {
            out.append(["id": "file-parser", "pdf": ["engine": engine.rawValue]])
        }
        return out
    }

    /// True when web search will run for this request, by plugin or by `:online` model.
    public var searchesWeb: Bool { settings.web != nil || WebSearchSettings.isOnlineVariant(model) }

    /// True when any message of the thread has a PDF attached.
    var carriesPDF: Bool {
        messages.contains { $0.attachments.contains(where: \.isPDF) }
    }
}

extension Attachment {
    /// A PDF, by type or by name: the file parser's business.
    public var isPDF: Bool {
        kind == .file && (mimeType == "application/pdf" || source.lowercased().hasSuffix(".pdf"))
    }
}
