import Foundation
import MCP
import PrismCore

/// Turns what the SDK speaks (tool results, schemas, arguments) into Prism's own types.
enum ToolContent {
    /// Text parts joined by new lines; images, audio and binary resources as one line such as
    /// `[image: image/png, 1234 bytes (omitted: only text is passed on)]`, which is what the
    /// transcript shows and what the model reads, so it knows something came back it cannot see.
    /// The server's words in a placeholder (types, URIs, names) are made one clean line.
    static func output(_ content: [Tool.Content], isError: Bool?) -> ToolOutput {
        let parts = content.map { part -> String in
            switch part {
            case .text(let text, _, _):
                return text
            case .image(let data, let mimeType, _, _):
                return placeholder("image: \(mimeType), \(byteCount(data)) bytes", omitted: true)
            case .audio(let data, let mimeType, _, _):
                return placeholder("audio: \(mimeType), \(byteCount(data)) bytes", omitted: true)
            case .resource(let resource, _, _):
                if let text = resource.text { return text }
                return placeholder("resource: \(resource.uri), \(resource.mimeType ?? "unknown type"), \(byteCount(resource.blob ?? "")) bytes",
                                   omitted: true)
            case .resourceLink(let uri, let name, _, _, let mimeType, _):
                return placeholder("resource link: \(name) \(uri)\(mimeType.map { ", \($0)" } ?? "")", omitted: false)
            }
        }
        return ToolOutput(text: parts.joined(separator: "\n"), isError: isError ?? false)
    }

    /// `[what]`, one clean line, saying when the content itself was left out.
    static func placeholder(_ what: String, omitted: Bool) -> String {
        "[" + TerminalSanitizer.metadata(what) + (omitted ? " (omitted: only text is passed on)" : "") + "]"
    }

    /// Decoded size of base64 text (its length's three quarters when it does not decode).
    static func byteCount(_ base64: String) -> Int {
        Data(base64Encoded: base64)?.count ?? base64.utf8.count * 3 / 4
    }

    /// A tool's input schema as Prism's `JSONValue` (`{}` when it does not convert).
    static func schema(_ value: Value) -> JSONValue {
        guard let data = try? JSONEncoder().encode(value),
              let json = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .object([:]) }
        return json
    }

    /// The model's argument text as MCP values: empty means none; anything but a JSON object is refused.
    static func arguments(_ text: String) throws -> [String: Value]? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        guard let object = try? JSONDecoder().decode([String: Value].self, from: Data(trimmed.utf8)) else {
            throw ToolHostError("the arguments are not a JSON object")
        }
        return object
    }
}
