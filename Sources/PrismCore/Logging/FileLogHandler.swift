import Foundation
import Logging

/// A swift-log handler that appends one line per event to Prism's log file, never to the terminal.
///
/// The terminal belongs to the chat UI, so log output goes only to
/// `$XDG_STATE_HOME/prism/prism.log`. Lines look like
/// `2026-11-22T02:51:00.123Z info [prism.http] request sent model=x`, and every line
/// passes through a `Redactor` so the API key cannot be written.
public struct FileLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public let label: String
    let writer: LogFileWriter

    /// A handler with its own writer, for tests and tools that do not bootstrap the global logging system.
    public init(
        label: String, fileURL: URL, level: Logger.Level = .info, secrets: [String] = [],
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.init(label: label, writer: LogFileWriter(url: fileURL, redactor: Redactor(secrets: secrets)),
                  level: level, metadataProvider: metadataProvider)
    }

    init(label: String, writer: LogFileWriter, level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        self.label = label
        self.writer = writer
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    /// The file this handler appends to.
    public var fileURL: URL { writer.url }

    /// Adds a secret to redact from now on (shared by all handlers using the same writer).
    public func addSecret(_ secret: String) {
        writer.addSecret(secret)
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        if let error = event.error { merged["error"] = .string(String(describing: error)) }
        writer.write(Self.format(
            date: Date(), level: event.level, label: label, message: event.message.description, metadata: merged))
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// One log line (without redaction, which the writer applies): timestamp, level, label, message, sorted metadata.
    static func format(
        date: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata
    ) -> String {
        var line = "\(date.formatted(timestampStyle)) \(level.rawValue) [\(label)] \(escape(message))"
        for key in metadata.keys.sorted() {
            line += " \(key)=\(quoteIfNeeded(escape("\(metadata[key]!)")))"
        }
        return line
    }

    /// Keeps each entry on one line.
    private static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\n" || $0 == "\r" }) else { return text }
        return text.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    private static func quoteIfNeeded(_ value: String) -> String {
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\t" || $0 == "\"" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
