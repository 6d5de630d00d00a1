import Foundation

/// Which of OpenRouter's parsers reads a PDF sent as a `file` part (the `file-parser` plugin).
public enum PDFEngine: String, Codable, Sendable, Hashable, CaseIterable {
    /// Text extraction: free, for PDFs with a text layer.
    case pdfText = "pdf-text"
    /// OCR for scanned documents and images (priced per page).
    case mistralOCR = "mistral-ocr"
    case cloudflareAI = "cloudflare-ai"
    /// The model reads the file itself, for models that take files natively.
    case native

    /// The names as a user types them, for errors and help.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Parses a user's choice; a bad one is a one-line error naming the choices.
    public static func parse(_ text: String) throws(RequestBuildError) -> PDFEngine {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let engine = PDFEngine(rawValue: key) else {
            throw RequestBuildError(message: "unknown PDF engine '\(TerminalSanitizer.metadata(text))'; choose one of: \(choices)")
        }
        return engine
    }
}
