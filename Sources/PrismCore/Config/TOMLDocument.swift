import Foundation

/// A parsed TOML file: its top-level table plus the line on which each key was set.
///
/// Keeping the lines lets config validation say "config.toml line 4: 'max_tokens'
/// must be an integer" after parsing has finished. See `docs/config.md` for the
/// supported subset (no dates, no arrays of tables).
public struct TOMLDocument: Sendable, Equatable {
    /// The top-level key/value pairs; tables nest as `.table` values.
    public var root: [String: TOMLValue]
    /// Name used in error and warning messages.
    public var fileName: String
    private var keyLines: [[String]: Int]

    /// Parses `text`, throwing a `TOMLError` that names `fileName` and the line.
    public init(parsing text: String, fileName: String = "config.toml") throws(TOMLError) {
        var parser = TOMLParser(text: text, fileName: fileName)
        try parser.parse()
        self.root = parser.root
        self.keyLines = parser.keyLines
        self.fileName = fileName
    }

    /// A top-level value; chain further keys with `TOMLValue`'s subscript.
    public subscript(key: String) -> TOMLValue? {
        root[key]
    }

    /// The value at a key path such as `["provider", "sort"]`.
    public func value(at path: [String]) -> TOMLValue? {
        guard let first = path.first else { return .table(root) }
        var value = root[first]
        for key in path.dropFirst() { value = value?[key] }
        return value
    }

    /// The line on which a key or table header at `path` appeared, if known.
    public func line(of path: [String]) -> Int? {
        keyLines[path]
    }
}
