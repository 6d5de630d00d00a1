import Foundation
import Testing
@testable import PrismCore

/// Feeds bytes to a decoder and an accumulator in the given pieces.
private func decode(_ pieces: [ArraySlice<UInt8>]) -> Reply {
    var decoder = SSEDecoder()
    var accumulator = ReplyAccumulator()
    for piece in pieces {
        for event in decoder.feed(piece) { _ = accumulator.consume(data: event.data) }
    }
    _ = decoder.finish()
    return accumulator.finishStream()
}

private func check(_ reply: Reply, _ fixture: WireFixture, _ how: String) {
    #expect(reply.content == fixture.content, "\(fixture.name) \(how): content")
    #expect(reply.reasoning == fixture.reasoning, "\(fixture.name) \(how): reasoning")
    #expect(reply.finishReason == fixture.finishReason, "\(fixture.name) \(how): finish reason")
    #expect(reply.failure?.kind == fixture.failure, "\(fixture.name) \(how): failure kind")
    if let code = fixture.failureCode { #expect(reply.failure?.code == code, "\(fixture.name) \(how): code") }
    #expect(reply.usage?.cost == fixture.cost, "\(fixture.name) \(how): cost")
    #expect(reply.toolCalls == fixture.toolCalls, "\(fixture.name) \(how): tool calls")
    if fixture.failure != .truncated || !fixture.content.isEmpty {
        #expect(reply.provider == fixture.provider, "\(fixture.name) \(how): provider")
    }
}

@Suite("SSE decoding of every wire case")
struct SSEDecoderTests {
    @Test("whole stream in one read", arguments: WireFixtures.all)
    func whole(_ fixture: WireFixture) {
        check(decode([fixture.bytes[...]]), fixture, "whole")
    }

    @Test("split in two at every byte offset", arguments: WireFixtures.all)
    func everyOffset(_ fixture: WireFixture) {
        let bytes = fixture.bytes
        for cut in 0...bytes.count {
            check(decode([bytes[..<cut], bytes[cut...]]), fixture, "cut at \(cut)")
        }
    }

    @Test("one byte at a time", arguments: WireFixtures.all)
    func byteByByte(_ fixture: WireFixture) {
        check(decode(fixture.bytes.indices.map { fixture.bytes[$0...$0] }), fixture, "bytewise")
    }

    @Test func commentsAreCountedNeverDispatched() {
        var d = SSEDecoder()
        let events = d.feed(Array(": OPENROUTER PROCESSING\n\n:x\n\ndata: 1\n\n".utf8))
        #expect(events == [SSEEvent(data: "1")])
        #expect(d.commentCount == 2)
    }

    @Test func fieldsFollowTheSpec() {
        var d = SSEDecoder()
        let events = d.feed(Array("event: add\nid: 42\nretry: 1500\ndata\ndata:  two spaces\n\nretry: x\ndata: b\n\n".utf8))
        #expect(events.count == 2)
        #expect(events[0] == SSEEvent(type: "add", data: "\n two spaces", lastEventID: "42"))
        #expect(events[1] == SSEEvent(type: nil, data: "b", lastEventID: "42"))
        #expect(d.retryMilliseconds == 1500)
    }

    @Test func crThenLFAcrossReadsIsOneLineEnd() {
        var d = SSEDecoder()
        var events = d.feed(Array("data: a\r".utf8))
        events += d.feed(Array("\n\r".utf8))
        events += d.feed(Array("\ndata: b\n\n".utf8))
        #expect(events.map(\.data) == ["a", "b"])
    }

    @Test func bomOnlyStrippedAtStart() {
        var d = SSEDecoder()
        let events = d.feed([0xEF, 0xBB, 0xBF] + Array("data: x\n\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("data: y\n\n".utf8))
        #expect(events.map(\.data) == ["x"])
        #expect(events.count == 1, "a BOM in the middle makes the line a field named '\u{FEFF}data', which is ignored")
    }

    @Test func finishReportsPendingIncompleteEvent() {
        var d = SSEDecoder()
        _ = d.feed(Array("data: half".utf8))
        let pending = d.finish()
        #expect(pending)
        var e = SSEDecoder()
        _ = e.feed(Array("data: whole\n\n".utf8))
        let none = e.finish()
        #expect(!none)
    }
}
