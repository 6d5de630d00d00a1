import Foundation
import Testing
@testable import PrismCore

/// The session file format: dates, numbers, determinism.
struct SessionStoreCodecTests {
    @Test(arguments: [0.0, 0.001, 0.999, 1_795_315_860.123, 1_795_315_860.5, -1.5, -86_400.001, 253_402_300_799.999])
    func datesKeepTheirMilliseconds(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let text = SessionCodec.encodeDate(date)
        let back = try #require(SessionCodec.decodeDate(text))
        #expect(back == date, "\(text)")
        #expect(SessionCodec.encodeDate(back) == text)
    }

    @Test func datesHaveAFixedShape() throws {
        #expect(SessionCodec.encodeDate(sessionTestDate()) == "2026-11-22T02:51:00.123Z")
        #expect(SessionCodec.encodeDate(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(SessionCodec.encodeDate(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        // Sub-millisecond time rounds to the nearest millisecond.
        #expect(SessionCodec.encodeDate(Date(timeIntervalSince1970: 0.0126)) == "1970-01-01T00:00:00.013Z")
    }

    @Test func readsOtherISO8601Forms() throws {
        #expect(SessionCodec.decodeDate("2026-11-22T02:51:00Z") == Date(timeIntervalSince1970: 1_795_315_860))
        #expect(SessionCodec.decodeDate("2026-11-22T02:51:00.1234567Z") == sessionTestDate())
        #expect(SessionCodec.decodeDate("2026-11-22T03:51:00.123+01:00") == sessionTestDate())
        #expect(SessionCodec.decodeDate("yesterday") == nil)
        #expect(SessionCodec.decodeDate("2026-13-22T02:51:00Z") == nil)
    }

    @Test func costsStayExact() throws {
        var session = sampleSession()
        session.messages[1].usage?.cost = Decimal(string: "0.000093")!
        session.messages[2].usage?.cost = Decimal(string: "12.3456789012345678")!
        let data = try SessionCodec.encode(session)
        let back = try SessionCodec.decode(data)
        #expect(back.messages[1].usage?.cost == Decimal(string: "0.000093")!)
        #expect(back.messages[2].usage?.cost == Decimal(string: "12.3456789012345678")!)
        #expect(back.totalCost.cost == Decimal(string: "12.3457719012345678")!)
    }

    @Test func outputIsDeterministic() throws {
        let session = sampleSession()
        let a = try SessionCodec.encode(session)
        let b = try SessionCodec.encode(try SessionCodec.decode(a))
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        // Sorted keys: the bytes do not depend on Swift's per-process dictionary order.
        let created = try #require(text.range(of: "\"created_at\""))
        let version = try #require(text.range(of: "\"version\""))
        #expect(created.lowerBound < version.lowerBound)
    }

    @Test func nonFiniteNumbersDoNotBreakSaving() throws {
        var session = sampleSession()
        session.messages[1].timings?.tokensPerSecond = .nan
        session.messages[1].timings?.ttftMs = .infinity
        let back = try SessionCodec.decode(try SessionCodec.encode(session))
        #expect(back.messages[1].timings?.tokensPerSecond?.isNaN == true)
        #expect(back.messages[1].timings?.ttftMs == .infinity)
    }

    @Test func savingStampsTheCurrentVersion() throws {
        var session = sampleSession()
        session.version = 0
        #expect(try SessionCodec.decode(try SessionCodec.encode(session)).version == Session.formatVersion)
    }

    @Test func describesDecodingErrorsOnOneLine() {
        #expect(throws: SessionStoreError.corrupt(file: "x.json", reason: "not valid JSON", movedTo: nil)) {
            try SessionCodec.decode(Data("{".utf8), fileName: "x.json")
        }
        #expect(throws: SessionStoreError.corrupt(file: "x.json", reason: "wrong type at messages (expected Array<Any>)", movedTo: nil)) {
            try SessionCodec.decode(Data(#"{"version":1,"id":"a","created_at":"2026-11-22T02:51:00Z","messages":{}}"#.utf8), fileName: "x.json")
        }
    }
}
