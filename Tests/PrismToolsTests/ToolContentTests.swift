import Foundation
import MCP
import PrismCore
import Testing
@testable import PrismTools

@Suite("Tool content")
struct ToolContentTests {
    @Test func textIsJoinedAndBinaryIsSummarised() {
        let output = ToolContent.output([
            .text(text: "one", annotations: nil, _meta: nil),
            .image(data: "AAECAwQ=", mimeType: "image/png", annotations: nil, _meta: nil),
            .resource(resource: .binary(Data([1, 2, 3]), uri: "file:///a.bin", mimeType: "application/octet-stream"), annotations: nil, _meta: nil),
            .text(text: "two", annotations: nil, _meta: nil),
        ], isError: true)
        #expect(output == ToolOutput(
            text: "one\n[image: image/png, 5 bytes]\n[resource: file:///a.bin, application/octet-stream, 3 bytes]\ntwo", isError: true))
    }

    @Test func argumentsMustBeAJSONObject() throws {
        #expect(try ToolContent.arguments("") == nil)
        #expect(try ToolContent.arguments("{\"timezone\": \"Europe/Paris\", \"n\": 2}") == ["timezone": .string("Europe/Paris"), "n": .int(2)])
        #expect(throws: ToolHostError("the arguments are not a JSON object")) { try ToolContent.arguments("[1]") }
    }

    @Test func schemasBecomeJSONValues() {
        let schema = ToolContent.schema(.object(["type": .string("object"), "required": .array([.string("a")])]))
        #expect(schema == .object(["type": .string("object"), "required": .array([.string("a")])]))
    }
}
