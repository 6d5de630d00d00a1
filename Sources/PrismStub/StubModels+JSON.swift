import Foundation

/// `stub/json` and `stub/json-bad`: models that answer a request's `response_format` schema,
/// so `prism ask --schema` can be tried and tested against the stub.
///
/// - `stub/json` answers an object built from the schema: each property (its `$ref`s into
///   `#/$defs` or `#/definitions` followed) gets a value of its type that keeps its `enum`,
///   `const`, `minimum`, `minLength` and `minItems`: a valid answer. With `fenced` in the
///   prompt the JSON comes inside a markdown code fence, as some models send it.
/// - `stub/json-bad` answers the same object with its first property of the wrong type.
/// - Without a schema in the request both answer `{"answer": "no schema was sent"}`.
extension StubModels {
    public static let json = "stub/json"
    public static let jsonBad = "stub/json-bad"

    static let jsonModel = model(json, "JSON", "Answers a response_format schema with a valid object built from it.") { _ in
        .stream(StubReply(content: noSchemaAnswer))
    }

    static let jsonBadModel = model(jsonBad, "JSON (wrong type)", "Answers a response_format schema with its first property of the wrong type.") { _ in
        .stream(StubReply(content: noSchemaAnswer))
    }

    static let noSchemaAnswer = ["{\"answer\": ", "\"no schema was sent\"}"]

    /// The reply of `stub/json` (`bad`: `stub/json-bad`) to `request`.
    public static func jsonReply(_ request: RecordedRequest, bad: Bool) -> StubBehavior {
        guard let schema = request.value(at: "response_format", "json_schema", "schema") as? [String: Any] else {
            return .stream(StubReply(content: noSchemaAnswer))
        }
        var value = sample(schema, root: schema, depth: 0)
        if bad, var object = value as? [String: Any], let first = object.keys.sorted().first {
            object[first] = object[first] is String ? 42 : "not the right type"
            value = object
        }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .fragmentsAllowed])) ?? Data("{}".utf8)
        var text = String(decoding: data, as: UTF8.self)
        if (request.lastUserText ?? "").contains("fenced") { text = "```json\n\(text)\n```" }
        return .stream(StubReply(content: pieces(text, size: 12)))
    }

    /// A value the schema accepts (for the keywords the stub knows).
    static func sample(_ schema: [String: Any], root: [String: Any], depth: Int) -> Any {
        if let ref = schema["$ref"] as? String, depth < 16 {
            let name = ref.split(separator: "/").last.map(String.init) ?? ""
            let defs = (root["$defs"] as? [String: Any]) ?? (root["definitions"] as? [String: Any]) ?? [:]
            if let target = defs[name] as? [String: Any] { return sample(target, root: root, depth: depth + 1) }
        }
        if let constant = schema["const"] { return constant }
        if let options = schema["enum"] as? [Any], let first = options.first { return first }
        if let choices = (schema["anyOf"] ?? schema["oneOf"]) as? [[String: Any]], let first = choices.first {
            return sample(first, root: root, depth: depth + 1)
        }
        let type = (schema["type"] as? String) ?? (schema["type"] as? [String])?.first { $0 != "null" } ?? "object"
        switch type {
        case "string":
            let min = (schema["minLength"] as? Int) ?? 0
            return "sample" + String(repeating: "x", count: max(0, min - 6))
        case "integer": return (schema["minimum"] as? Int) ?? 1
        case "number": return (schema["minimum"] as? Double).map { $0 + 0.5 } ?? 1.5
        case "boolean": return true
        case "null": return NSNull()
        case "array":
            let count = max(1, (schema["minItems"] as? Int) ?? 1)
            let item = (schema["items"] as? [String: Any]).map { sample($0, root: root, depth: depth + 1) } ?? "item"
            return Array(repeating: item, count: count)
        default:
            var object: [String: Any] = [:]
            for (name, property) in (schema["properties"] as? [String: Any]) ?? [:] {
                object[name] = (property as? [String: Any]).map { sample($0, root: root, depth: depth + 1) } ?? "sample"
            }
            return object
        }
    }

    /// `text` in pieces of `size` characters, as a stream sends it.
    static func pieces(_ text: String, size: Int) -> [String] {
        var out: [String] = []
        var current = ""
        for c in text {
            current.append(c)
            if current.count == size { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
