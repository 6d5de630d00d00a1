import Foundation

/// Input no server has counted yet: text by its size, attachments by rough rules.
///
/// Attachment rules (rough, so always shown as an estimate): a text file counts as its
/// bytes of text; an image as `imageTokens` tokens (and the model's per-image price, when
/// it has one); a PDF as one token per `pdfBytesPerToken` bytes of file (a text PDF is
/// mostly layout); any other file, or one of unknown size, as `unknownFileTokens`.
/// Each message adds `messageOverhead` tokens for its role and separators.
public struct PendingText: Sendable, Equatable, Hashable {
    public var bytes = 0
    /// Tokens counted by rule rather than by characters (images, PDFs, other files).
    public var fixedTokens = 0
    public var images = 0
    public var messages = 0

    public static let imageTokens = 1_000
    public static let pdfBytesPerToken = 20
    public static let unknownFileTokens = 1_000
    public static let messageOverhead = 4

    public init(bytes: Int = 0, fixedTokens: Int = 0, images: Int = 0, messages: Int = 0) {
        self.bytes = bytes
        self.fixedTokens = fixedTokens
        self.images = images
        self.messages = messages
    }

    /// One message's text and attachments.
    public init(message text: String, attachments: [Attachment] = []) {
        self.init(bytes: text.utf8.count, messages: 1)
        for attachment in attachments { add(attachment) }
    }

    public mutating func add(_ attachment: Attachment) {
        switch attachment.kind {
        case .image:
            images += 1
            fixedTokens += Self.imageTokens
        case .file:
            let mime = attachment.mimeType
            if let size = attachment.byteSize, mime.hasPrefix("text/") || mime == "application/json" {
                bytes += size
            } else if let size = attachment.byteSize, mime == "application/pdf" {
                fixedTokens += (size + Self.pdfBytesPerToken - 1) / Self.pdfBytesPerToken
            } else {
                fixedTokens += Self.unknownFileTokens
            }
        }
    }

    public static func + (a: PendingText, b: PendingText) -> PendingText {
        PendingText(bytes: a.bytes + b.bytes, fixedTokens: a.fixedTokens + b.fixedTokens,
                    images: a.images + b.images, messages: a.messages + b.messages)
    }

    /// Tokens at a characters-per-token ratio.
    public func tokens(bytesPerToken ratio: Double) -> Int {
        Int((Double(bytes) / ratio).rounded(.up)) + fixedTokens + messages * Self.messageOverhead
    }
}
