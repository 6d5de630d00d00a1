import Foundation

/// One place where a value breaks its schema: `$.items[2].price: expected number, got string`.
public struct SchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// Where, as a JSON path from `$`.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Checks a JSON value against a JSON Schema, for `prism ask --schema`.
///
/// Our own, and deliberately the subset structured outputs use: `type` (one or a list),
/// `properties`, `required`, `additionalProperties` (false or a schema), `items`, `enum`,
/// `const`, `minimum`/`maximum` (and the exclusive forms), `minLength`/`maxLength`,
/// `minItems`/`maxItems`, `pattern`, `anyOf`/`oneOf`/`allOf`, and `$ref` into `#/$defs` or
/// `#/definitions`. Other keywords (formats, descriptions, titles…) are ignored, so a schema
/// using them still checks what it can.
public struct JSONSchemaValidator: Sendable {
    public let schema: JSONValue
    /// `$ref`s followed on one path before giving up (a schema that refers to itself forever).
    static let maxDepth = 64

    public init(schema: JSONValue) {
        self.schema = schema
    }

    /// Every violation, in document order (object keys sorted); empty when the value is valid.
    public func validate(_ value: JSONValue) -> [SchemaViolation] {
        var out: [SchemaViolation] = []
        check(value, against: schema, path: "$", depth: 0, into: &out)
        return out
    }

    func check(_ value: JSONValue, against schema: JSONValue, path: String, depth: Int, into out: inout [SchemaViolation]) {
        func fail(_ message: String) { out.append(SchemaViolation(path: path, message: message)) }
        switch schema {
        case .bool(false): return fail("no value is allowed here")
        case .object: break
        default: return // `true`, or not a schema: anything goes
        }
        if let ref = schema["$ref"]?.string {
            guard depth < Self.maxDepth else { return fail("$ref \(ref) nests too deep") }
            guard let target = resolve(ref) else { return fail("$ref \(ref) does not resolve in the schema") }
            check(value, against: target, path: path, depth: depth + 1, into: &out)
        }
        if let types = schema["type"].flatMap(Self.typeNames), !types.isEmpty,
           !types.contains(where: { Self.value(value, hasType: $0) }) {
            // A value of the wrong type: the keywords below would only repeat the point.
            return fail("expected \(types.joined(separator: " or ")), got \(Self.typeName(value))")
        }
        if case .array(let allowed)? = schema["enum"], !allowed.contains(where: { Self.equal($0, value) }) {
            fail("\(Self.brief(value)) is not one of \(allowed.map(Self.brief).joined(separator: ", "))")
        }
        if let constant = schema["const"], !Self.equal(constant, value) {
            fail("expected \(Self.brief(constant)), got \(Self.brief(value))")
        }
        switch value {
        case .number(let n): checkNumber(n, schema, fail)
        case .string(let s): checkString(s, schema, fail)
        case .array(let items): checkArray(items, schema, path: path, depth: depth, into: &out)
        case .object(let fields): checkObject(fields, schema, path: path, depth: depth, into: &out)
        default: break
        }
        checkCombinations(value, schema, path: path, depth: depth, into: &out)
    }

    private func checkNumber(_ n: Double, _ schema: JSONValue, _ fail: (String) -> Void) {
        if let min = schema["minimum"]?.number, n < min { fail("\(Self.number(n)) is below the minimum \(Self.number(min))") }
        if let max = schema["maximum"]?.number, n > max { fail("\(Self.number(n)) is above the maximum \(Self.number(max))") }
        if let min = schema["exclusiveMinimum"]?.number, n <= min { fail("\(Self.number(n)) is not above \(Self.number(min))") }
        if let max = schema["exclusiveMaximum"]?.number, n >= max { fail("\(Self.number(n)) is not below \(Self.number(max))") }
    }

    private func checkString(_ s: String, _ schema: JSONValue, _ fail: (String) -> Void) {
        let length = s.unicodeScalars.count // JSON Schema counts code points
        if let min = schema["minLength"]?.number, Double(length) < min { fail("\(length) characters, fewer than \(Self.number(min))") }
        if let max = schema["maxLength"]?.number, Double(length) > max { fail("\(length) characters, more than \(Self.number(max))") }
        if let pattern = schema["pattern"]?.string {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                return fail("the schema's pattern \(Self.brief(.string(pattern))) is not a regular expression")
            }
            if regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                fail("\(Self.brief(.string(s))) does not match \(Self.brief(.string(pattern)))")
            }
        }
    }

    private func checkArray(_ items: [JSONValue], _ schema: JSONValue, path: String, depth: Int, into out: inout [SchemaViolation]) {
        if let min = schema["minItems"]?.number, Double(items.count) < min {
            out.append(SchemaViolation(path: path, message: "\(items.count) items, fewer than \(Self.number(min))"))
        }
        if let max = schema["maxItems"]?.number, Double(items.count) > max {
            out.append(SchemaViolation(path: path, message: "\(items.count) items, more than \(Self.number(max))"))
        }
        guard let itemSchema = schema["items"] else { return }
        for (index, item) in items.enumerated() {
            // The old tuple form gives one schema per position.
            let each: JSONValue
            if case .array(let positions) = itemSchema {
                guard index < positions.count else { break }
                each = positions[index]
            } else {
                each = itemSchema
            }
            check(item, against: each, path: "\(path)[\(index)]", depth: depth, into: &out)
        }
    }

    private func checkObject(_ fields: [String: JSONValue], _ schema: JSONValue, path: String, depth: Int, into out: inout [SchemaViolation]) {
        let properties: [String: JSONValue]
        if case .object(let p)? = schema["properties"] { properties = p } else { properties = [:] }
        if case .array(let required)? = schema["required"] {
            for case .string(let name) in required where fields[name] == nil {
                out.append(SchemaViolation(path: path, message: "missing required property \(Self.brief(.string(name)))"))
            }
        }
        for name in fields.keys.sorted() {
            let field = fields[name]!
            let at = Self.child(path, name)
            if let property = properties[name] {
                check(field, against: property, path: at, depth: depth, into: &out)
            } else if let extra = schema["additionalProperties"] {
                if case .bool(false) = extra {
                    out.append(SchemaViolation(path: at, message: "property not allowed by the schema"))
                } else {
                    check(field, against: extra, path: at, depth: depth, into: &out)
                }
            }
        }
    }

    private func checkCombinations(_ value: JSONValue, _ schema: JSONValue, path: String, depth: Int, into out: inout [SchemaViolation]) {
        func errors(_ branch: JSONValue) -> [SchemaViolation] {
            var found: [SchemaViolation] = []
            check(value, against: branch, path: path, depth: depth, into: &found)
            return found
        }
        if case .array(let all)? = schema["allOf"] {
            for branch in all { out += errors(branch) }
        }
        if case .array(let any)? = schema["anyOf"], !any.isEmpty {
            let results = any.map(errors)
            if !results.contains(where: \.isEmpty) {
                // The branch that failed least, preferring one whose type matched: the likely intent.
                let rank = { (errors: [SchemaViolation]) in (errors.count, errors.first?.message.hasPrefix("expected ") == true ? 1 : 0) }
                let closest = results.min { rank($0) < rank($1) } ?? []
                out.append(SchemaViolation(path: path, message: "matches none of anyOf's \(any.count) schemas"
                                           + (closest.first.map { " (closest: \($0))" } ?? "")))
            }
        }
        if case .array(let one)? = schema["oneOf"], !one.isEmpty {
            let matching = one.map(errors).filter(\.isEmpty).count
            if matching != 1 {
                out.append(SchemaViolation(path: path, message: "matches \(matching) of oneOf's \(one.count) schemas, not exactly one"))
            }
        }
    }

    /// `#`, `#/$defs/name`, `#/definitions/name` or any other pointer into this schema.
    func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#") else { return nil }
        var node = schema
        for raw in ref.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                .removingPercentEncoding ?? String(raw)
            switch node {
            case .object(let o): guard let next = o[key] else { return nil }; node = next
            case .array(let a): guard let i = Int(key), a.indices.contains(i) else { return nil }; node = a[i]
            default: return nil
            }
        }
        return node
    }
}
