import Foundation

extension Attachment {
    /// What a reader needs to recognise the attachment: the file's name (or the URL), one clean line.
    public var displayName: String {
        let name = source.hasPrefix("https://") ? source : (source as NSString).lastPathComponent
        return TerminalSanitizer.metadata(name.isEmpty ? source : name)
    }

    /// `report.pdf · application/pdf · 12.4 KiB · pdf-text`: name, type, size where known and
    /// the PDF engine when one was chosen.
    ///
    /// The same line in the transcript, `prism sessions show` and Markdown exports, so a
    /// sent attachment reads alike wherever the conversation is read back.
    public var summary: String {
        var parts = [displayName, TerminalSanitizer.metadata(mimeType)]
        if let byteSize { parts.append(Self.size(byteSize)) }
        if let pdfEngine { parts.append(pdfEngine.rawValue) }
        return parts.joined(separator: " · ")
    }

    /// A byte count as people read it: "512 B", "12.4 KiB", "3.0 MiB".
    public static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f", value) + " " + units[unit]
    }
}
