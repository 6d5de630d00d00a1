import Foundation

/// A file or image sent with a user message as a content part.
///
/// Sessions store the path and kind, never the file's bytes: a session file must
/// stay small and readable, and the data is read again when the message is sent.
public struct Attachment: Codable, Sendable, Equatable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        case image
        case file
    }

    public var kind: Kind
    /// Absolute path on disk, or an `https://` URL.
    public var source: String
    /// MIME type, e.g. `image/png` or `application/pdf`.
    public var mimeType: String
    /// The file's size when it was attached; nil for URLs and for sessions saved before sizes were kept.
    public var byteSize: Int?
    /// The parser chosen for a PDF when it was attached (`[pdf] engine`, `--pdf-engine`,
    /// `/pdf`); nil: OpenRouter's default. Saved as `pdf_engine`, read leniently.
    public var pdfEngine: PDFEngine?

    public init(kind: Kind, source: String, mimeType: String, byteSize: Int? = nil) {
        self.kind = kind
        self.source = source
        self.mimeType = mimeType
        self.byteSize = byteSize
    }

    enum CodingKeys: String, CodingKey {
        case kind, source, mimeType = "mime_type", byteSize = "byte_size", pdfEngine = "pdf_engine"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        source = try c.decode(String.self, forKey: .source)
        mimeType = try c.decode(String.self, forKey: .mimeType)
        byteSize = try c.decodeIfPresent(Int.self, forKey: .byteSize)
        pdfEngine = c.lenient(PDFEngine.self, .pdfEngine)
    }

    /// This attachment with `engine` recorded when it is a PDF (other files are not parsed as PDFs).
    public func noting(pdfEngine engine: PDFEngine?) -> Attachment {
        var out = self
        if isPDF { out.pdfEngine = engine }
        return out
    }

    /// Guesses the kind and MIME type from a path's extension.
    public static func guess(path: String) -> Attachment {
        let ext = (path as NSString).pathExtension.lowercased()
        let images = ["png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp", "gif": "image/gif"]
        if let mime = images[ext] { return Attachment(kind: .image, source: path, mimeType: mime) }
        let files = ["pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown", "json": "application/json", "csv": "text/csv"]
        return Attachment(kind: .file, source: path, mimeType: files[ext] ?? "application/octet-stream")
    }

    /// `guess(path:)` for a file on disk, with its current size (nil when it cannot be read).
    public static func local(path: String) -> Attachment {
        var attachment = guess(path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
        attachment.byteSize = size?.intValue
        return attachment
    }
}
