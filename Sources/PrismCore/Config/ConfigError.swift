import Foundation

/// A configuration problem that stops Prism from starting, described in one line.
///
/// Syntax and type errors inside config.toml are `TOMLError`s (they have a line
/// number); this covers everything else. No case ever carries the API key.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// A base URL that is not an absolute http(s) URL with a host and a valid port; `origin` says
    /// where it came from, `reason` what is wrong. Shown without any user name or password.
    case invalidBaseURL(String, origin: String, reason: String = ConfigError.baseURLShape)
    /// A flag or environment value out of range, e.g. `--max-tokens must be at least 1`.
    case invalidValue(String)
    /// The config file exists but could not be read or is not UTF-8.
    case unreadableFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidBaseURL(let url, let origin, let reason):
            return "invalid base URL '\(TerminalSanitizer.sanitize(DisplayURL.text(url)))' (from \(origin)): \(reason)"
        case .invalidValue(let message):
            return message
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }

    /// The usual reason a base URL is refused.
    public static let baseURLShape = "expected an http:// or https:// URL with a host"
}
