import Foundation

/// Why a theme could not be loaded, as one line the CLI can print as is.
///
/// Errors in a file name the file and, where there is one, the line, in the same
/// "file line N: message" form as config.toml errors.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// No user or shipped theme has this name.
    case notFound(name: String, available: [String])
    /// The name has characters other than letters, digits, `-` and `_`.
    case invalidName(String)
    /// A problem inside a theme file; `line` is nil for problems of the file as a whole.
    case invalidFile(file: String, line: Int?, message: String)
    /// `extends` leads back to a theme already in the chain, e.g. `["a", "b", "a"]`.
    case cycle([String])
    /// A user theme file exists but cannot be read.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let name, let available):
            return "theme '\(name)' not found; available: \(available.joined(separator: ", "))"
        case .invalidName(let name):
            return "invalid theme name '\(name)': use letters, digits, '-' and '_'"
        case .invalidFile(let file, let line?, let message):
            return "\(file) line \(line): \(message)"
        case .invalidFile(let file, nil, let message):
            return "\(file): \(message)"
        case .cycle(let chain):
            return "theme '\(chain.first ?? "")' extends itself: \(chain.joined(separator: " → "))"
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        }
    }

    public var errorDescription: String? { description }
}
