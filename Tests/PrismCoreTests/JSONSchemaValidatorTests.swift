import Foundation
import Testing
@testable import PrismCore

/// Our JSON Schema subset for `--schema`: each keyword, with the path and wording of its violations.
@Suite struct JSONSchemaValidatorTests {
    func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    func errors(_ schema: String, _ value: String) throws -> [String] {
        JSONSchemaValidator(schema: try json(schema)).validate(try json(value)).map(\.description)
    }

    let order = #"""
        {"type":"object","required":["id","items"],"additionalProperties":false,
         "properties":{"id":{"type":"integer","minimum":1},
                       "note":{"type":["string","null"],"maxLength":5},
                       "items":{"type":"array","minItems":1,"maxItems":3,
                                "items":{"$ref":"#/$defs/item"}}},
         "$defs":{"item":{"type":"object","required":["price"],
                          "properties":{"price":{"type":"number","exclusiveMinimum":0},
                                        "sku":{"type":"string","pattern":"^[A-Z]{3}-[0-9]+$"},
                                        "size":{"enum":["S","M","L"]}}}}}
        """#

    @Test func aValidValuePasses() throws {
        #expect(try errors(order, #"{"id":3,"note":null,"items":[{"price":2.5,"sku":"ABC-12","size":"M"}]}"#).isEmpty)
    }

    @Test func violationsNameTheirPath() throws {
        let found = try errors(order, #"{"id":0,"extra":1,"note":"toolong","items":[{"price":1},{"price":2},{"price":"9","sku":"abc","size":"XL"}]}"#)
        #expect(found == [
            "$.extra: property not allowed by the schema",
            "$.id: 0 is below the minimum 1",
            "$.items[2].price: expected number, got string",
            "$.items[2].size: \"XL\" is not one of \"S\", \"M\", \"L\"",
            "$.items[2].sku: \"abc\" does not match \"^[A-Z]{3}-[0-9]+$\"",
            "$.note: 7 characters, more than 5",
        ])
    }

    @Test func requiredItemCountsAndIntegers() throws {
        #expect(try errors(order, #"{"items":[]}"#) == ["$: missing required property \"id\"", "$.items: 0 items, fewer than 1"])
        #expect(try errors(order, #"{"id":1.5,"items":[{"price":1},{"price":1},{"price":1},{"price":1}]}"#)
                == ["$.id: expected integer, got number", "$.items: 4 items, more than 3"])
        #expect(try errors(#"{"type":"array","items":{"type":"string","minLength":2}}"#, #"["ab","a"]"#) == ["$[1]: 1 characters, fewer than 2"])
    }

    @Test func combinatorsConstAndDefinitions() throws {
        let any = #"{"anyOf":[{"type":"string"},{"type":"integer","maximum":9}]}"#
        #expect(try errors(any, "7").isEmpty)
        #expect(try errors(any, "70") == ["$: matches none of anyOf's 2 schemas (closest: $: 70 is above the maximum 9)"])
        let one = #"{"oneOf":[{"type":"number"},{"type":"integer"}]}"#
        #expect(try errors(one, "1.5").isEmpty)
        #expect(try errors(one, "2") == ["$: matches 2 of oneOf's 2 schemas, not exactly one"])
        let all = #"{"allOf":[{"minimum":1},{"maximum":3}]}"#
        #expect(try errors(all, "5") == ["$: 5 is above the maximum 3"])
        #expect(try errors(#"{"const":"v1"}"#, #""v2""#) == ["$: expected \"v1\", got \"v2\""])
        let old = ##"{"definitions":{"n":{"type":"null"}},"properties":{"x":{"$ref":"#/definitions/n"}}}"##
        #expect(try errors(old, #"{"x":1}"#) == ["$.x: expected null, got integer"])
        #expect(try errors(##"{"$ref":"#/$defs/missing"}"##, "1") == ["$: $ref #/$defs/missing does not resolve in the schema"])
    }

    @Test func extraSchemasUnknownKeywordsAndLoops() throws {
        let extra = #"{"type":"object","additionalProperties":{"type":"boolean"},"format":"whatever","title":"T"}"#
        #expect(try errors(extra, #"{"a":true,"odd key":1}"#) == ["$[\"odd key\"]: expected boolean, got integer"])
        #expect(try errors(#"{"type":"object","properties":{"x":false}}"#, #"{"x":1}"#) == ["$.x: no value is allowed here"])
        let loop = ##"{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"##
        #expect(try errors(loop, "1") == ["$: $ref #/$defs/a nests too deep"])
    }

    @Test func fencedRepliesParseAndNamesAreClean() throws {
        #expect(StructuredReply.parse("```json\n{\"a\": 1}\n```\n") == .object(["a": .number(1)]))
        #expect(StructuredReply.parse("  {\"a\": [true]} ") == .object(["a": .array([.bool(true)])]))
        #expect(StructuredReply.parse("Sure! {\"a\": 1}") == nil)
        #expect(ResponseFormat.schemaName(title: "Order list (v2)", fileName: "x") == "Order_list__v2_")
        #expect(ResponseFormat.schemaName(title: nil, fileName: "order.schema") == "order_schema")
        #expect(ResponseFormat.schemaName(title: "", fileName: "") == "schema")
    }

    @Test func theBodyCarriesResponseFormat() throws {
        var request = ChatRequest(model: "a/one", messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 10)
        request.responseFormat = ResponseFormat(name: "order", schema: try json(#"{"type":"object","properties":{"id":{"type":"integer"}}}"#))
        let body = try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        let inner = try #require(format["json_schema"] as? [String: Any])
        #expect(inner["name"] as? String == "order" && inner["strict"] as? Bool == true)
        #expect(((inner["schema"] as? [String: Any])?["properties"] as? [String: Any])?["id"] != nil)
        request.responseFormat = nil
        #expect((try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])?["response_format"] == nil)
    }
}
