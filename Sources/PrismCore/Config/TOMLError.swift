import Foundation

/// A problem in a TOML file, located by file name and line.
///
/// The description is one line ("config.toml line 7: expected '=' after key") so the
/// CLI can print it as is. Messages never quote the offending value, because the
/// line may hold an API key.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// File name shown in the message, usually `config.toml`.
    public var fileName: String
    /// 1-based line number.
    public var line: Int
    /// What went wrong, without the location prefix.
    public var message: String

    public init(fileName: String = "config.toml", line: Int, message: String) {
        self.fileName = fileName
        self.line = line
        self.message = message
    }

    public var description: String { "\(fileName) line \(line): \(message)" }
    public var errorDescription: String? { description }
}
