import Foundation

/// An OpenRouter API key that refuses to show itself.
///
/// The key must never reach session files, caches, logs or error output. Wrapping it
/// makes every accidental route (`"\(key)"`, `String(reflecting:)`, `dump`, `Mirror`)
/// print `sk-or-…(redacted)` instead. It is deliberately not `Codable`, so it cannot be
/// saved with a session by mistake. Only the HTTP layer should read `value`.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    private let secret: String

    /// Wraps a key, dropping surrounding whitespace and line breaks (common when pasted or read from a file).
    public init(_ value: String) {
        self.secret = value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Wraps a key, or returns nil when the text is empty or blank.
    public init?(nonEmpty value: String?) {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        self.init(value)
    }

    /// The key itself, for the `Authorization` header and the log redactor only.
    public var value: String { secret }

    /// `sk-or-…(redacted)` for OpenRouter keys, `…(redacted)` for any other.
    public var description: String {
        secret.hasPrefix("sk-or-") ? "sk-or-…(redacted)" : "…(redacted)"
    }

    public var debugDescription: String { "APIKey(\(description))" }

    /// A childless mirror, so `dump` and reflection see no stored property.
    public var customMirror: Mirror {
        Mirror(self, children: [], displayStyle: .struct)
    }

    /// How an optional key is shown: its redacted form, or `<none>`.
    public static func display(_ key: APIKey?) -> String {
        key?.description ?? "<none>"
    }
}
