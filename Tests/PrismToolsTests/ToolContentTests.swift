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
            text: "one\n[image: image/png, 5 bytes (omitted: only text is passed on)]\n"
                + "[resource: file:///a.bin, application/octet-stream, 3 bytes (omitted: only text is passed on)]\ntwo", isError: true))
    }

    @Test func aPlaceholderIsOneCleanLineWhateverTheServerNamesThings() {
        let output = ToolContent.output([
            .resourceLink(uri: "file:///x\n\u{1B}[2J", name: "notes\u{202E}txt.exe\nsecond", title: nil, description: nil, mimeType: "text/plain", annotations: nil),
            .audio(data: "AAAA", mimeType: "audio/wav\r\n\u{1B}]52;c;eA==\u{07}", annotations: nil, _meta: nil),
        ], isError: false)
        #expect(output.text == "[resource link: notestxt.exe second file:///x ␛[2J, text/plain]\n"
            + "[audio: audio/wav  ␛]52;c;eA==, 3 bytes (omitted: only text is passed on)]")
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

@Suite("Event-stream bodies from HTTP servers")
struct SSEUnpackingTests {
    @Test func jsonPassesAndEventStreamsAreUnpacked() {
        let json = Data("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}".utf8)
        #expect(SSEUnpackingTransport.unpack(json) == [json])
        let stream = Data("event: message\r\ndata: {\"id\":1}\r\n\r\n: keep-alive\n\nevent: ping\ndata: x\n\ndata: {\"id\":2}".utf8)
        #expect(SSEUnpackingTransport.unpack(stream) == [Data("{\"id\":1}".utf8), Data("{\"id\":2}".utf8)])
        #expect(SSEUnpackingTransport.unpack(Data()) == [])
    }
}
