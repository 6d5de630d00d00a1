import Foundation

/// Replaces secrets in log text with `[REDACTED]` before it reaches the disk.
///
/// The API key must never appear in a log file, even when a request, a header dump or
/// an error message that quotes one is logged by accident. Besides the secrets it is
/// told about, it catches anything shaped like an OpenRouter key (`sk-or-v1-…`) and the
/// token after `Bearer ` (which becomes `Bearer [REDACTED]`).
public struct Redactor: Sendable {
    public static let placeholder = "[REDACTED]"
    /// Secrets shorter than this are ignored: redacting "ab" everywhere would ruin the log and hide nothing.
    public static let minimumSecretLength = 4

    private var secrets: [String] = []

    public init(secrets: [String] = []) {
        for secret in secrets { add(secret) }
    }

    /// Registers another secret, such as a key that was only known after logging started.
    public mutating func add(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count >= Self.minimumSecretLength, !secrets.contains(trimmed) else { return }
        secrets.append(trimmed)
        // Longest first, so a secret containing another is replaced whole.
        secrets.sort { $0.count > $1.count }
    }

    /// The number of registered secrets (never the secrets themselves).
    public var secretCount: Int { secrets.count }

    /// `text` with every registered secret, `sk-or-v1-…` key and bearer token replaced.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        result = Self.replaceTokens(in: result, after: "sk-or-v1-", keepPrefix: false, options: []) { c in
            c.isASCII && (c.isLetter || c.isNumber)
        }
        result = Self.replaceTokens(in: result, after: "Bearer ", keepPrefix: true, options: .caseInsensitive) { c in
            c.isASCII && (c.isLetter || c.isNumber || "-._~+/=".contains(c))
        }
        return result
    }

    /// Like `redact`, and also hides the start of a secret at the very end of `text`: text
    /// cut to a length (an error body kept to its first few hundred bytes) may end halfway
    /// through a key, and half a key is still too much.
    public func redactAllowingCut(_ text: String) -> String {
        var result = redact(text)
        for secret in secrets {
            var length = min(secret.count - 1, result.count)
            while length >= Self.minimumSecretLength {
                if result.hasSuffix(secret.prefix(length)) {
                    result = String(result.dropLast(length)) + Self.placeholder
                    break
                }
                length -= 1
            }
        }
        return result
    }

    /// Replaces each run of token characters following `prefix` (and, unless kept, the prefix too).
    private static func replaceTokens(
        in text: String, after prefix: String, keepPrefix: Bool, options: String.CompareOptions,
        isTokenCharacter: (Character) -> Bool
    ) -> String {
        guard text.range(of: prefix, options: options) != nil else { return text }
        var result = ""
        var cursor = text.startIndex
        while let match = text.range(of: prefix, options: options, range: cursor..<text.endIndex) {
            var end = match.upperBound
            while end < text.endIndex, isTokenCharacter(text[end]) { end = text.index(after: end) }
            result += text[cursor..<match.lowerBound]
            if end == match.upperBound {
                result += text[match.lowerBound..<end]
            } else {
                if keepPrefix { result += text[match] }
                result += placeholder
            }
            cursor = end
        }
        result += text[cursor...]
        return result
    }
}
