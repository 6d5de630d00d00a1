import Foundation

/// `response_format` asking for JSON that follows a schema (OpenRouter's structured outputs).
public struct ResponseFormat: Sendable, Equatable {
    /// `[A-Za-z0-9_-]`, at most 64 characters: what providers accept as the schema's name.
    public var name: String
    public var schema: JSONValue
    public var strict: Bool

    public init(name: String, schema: JSONValue, strict: Bool = true) {
        self.name = name
        self.schema = schema
        self.strict = strict
    }

    /// The format for a schema file: named by its `title`, else the file's name without extension.
    /// Throws a one-line reason when the file cannot be read or is not a JSON object.
    public static func schemaFile(_ url: URL) throws -> ResponseFormat {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RequestBuildError(message: "cannot read schema file \(url.path)")
        }
        guard let schema = try? JSONDecoder().decode(JSONValue.self, from: data), case .object = schema else {
            throw RequestBuildError(message: "schema file \(url.path) is not a JSON object")
        }
        let base = url.deletingPathExtension().lastPathComponent
        return ResponseFormat(name: schemaName(title: schema["title"]?.string, fileName: base), schema: schema)
    }

    /// The title or file name with every character outside `[A-Za-z0-9_-]` as `_`, cut to 64; `schema` when empty.
    public static func schemaName(title: String?, fileName: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let source = (title?.isEmpty == false ? title! : fileName)
        let clean = String(source.map { allowed.contains($0) ? $0 : "_" }.prefix(64))
        return clean.isEmpty ? "schema" : clean
    }

    /// The body's `response_format` object.
    var wireObject: [String: Any] {
        let schemaObject = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(schema))) ?? [String: Any]()
        return ["type": "json_schema", "json_schema": ["name": name, "strict": strict, "schema": schemaObject]]
    }
}

/// Reading a structured reply: the JSON inside, whether the model can be asked for it.
public enum StructuredReply {
    /// The reply with one surrounding markdown code fence (```json … ```) removed, as some models add one.
    public static func unfenced(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("```"), trimmed.hasSuffix("```"), trimmed.count >= 6 else { return trimmed }
        var body = trimmed.dropFirst(3).dropLast(3)
        // The opening fence's info string (`json`) ends at the first newline.
        if let newline = body.firstIndex(of: "\n") { body = body[body.index(after: newline)...] } else { return trimmed }
        return body.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The reply parsed as JSON (fences tolerated), or nil when it is not JSON.
    public static func parse(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(unfenced(text).utf8))
    }

    /// True when the catalog says the model takes `response_format` with a schema
    /// (`structured_outputs`; `response_format` alone counts too).
    public static func isSupported(by info: ModelInfo) -> Bool {
        info.supportedParameters.contains("structured_outputs") || info.supportedParameters.contains("response_format")
    }
}
