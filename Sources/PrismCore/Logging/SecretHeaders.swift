import Foundation

/// Tells which request headers carry credentials, so their values can be redacted.
///
/// A server that quotes a request back in an error (a 401 body echoing `Authorization`,
/// a proxy repeating `X-Api-Key`) must not put those values on screen or in a file.
/// Judged by the header's name, or by a value shaped like a credential whatever its name.
public enum SecretHeaders {
    private static let secretNameParts = [
        "auth", "key", "token", "secret", "password", "passwd", "cookie", "session", "credential", "signature",
    ]

    /// Whether a header named `name` carries a credential (`Authorization`, `X-Api-Key`, `Cookie`, ...).
    public static func isSecret(name: String) -> Bool {
        let lower = name.lowercased()
        return secretNameParts.contains { lower.contains($0) }
    }

    /// Whether a value looks like a credential on its own: an auth scheme and token, or a long
    /// unbroken run of letters and digits (both kinds) such as an API key.
    public static func looksSecret(value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let scheme = trimmed.split(separator: " ").first, trimmed.contains(" "),
           ["bearer", "basic", "token", "apikey", "api-key"].contains(scheme.lowercased()) {
            return true
        }
        guard trimmed.count >= 20, !trimmed.contains(" ") else { return false }
        return trimmed.contains(where: \.isLetter) && trimmed.contains(where: \.isNumber)
    }

    /// The strings to redact for a header: its whole value and, for `Scheme token`, the token alone.
    /// Empty when the header does not look secret.
    public static func secrets(name: String, value: String) -> [String] {
        guard isSecret(name: name) || looksSecret(value: value) else { return [] }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        var found = [trimmed]
        if let space = trimmed.firstIndex(of: " ") {
            let token = trimmed[trimmed.index(after: space)...].trimmingCharacters(in: .whitespaces)
            if !token.isEmpty { found.append(token) }
        }
        return found
    }
}
