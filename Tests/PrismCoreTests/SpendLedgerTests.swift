import Foundation
import Testing
@testable import PrismCore

@Suite("Spend ledger")
struct SpendLedgerTests {
    @Test func addsUpPerDayAcrossWritersExactly() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ledger = SpendLedger(file: dir.appendingPathComponent("spend.json"))
        let calendar: Calendar = {
            var c = Calendar(identifier: .gregorian)
            c.timeZone = TimeZone(identifier: "UTC")!
            return c
        }()
        let day = Date(timeIntervalSince1970: 1_763_780_000)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { ledger.record(Decimal(string: "0.000093")!, at: day, calendar: calendar) }
            }
        }
        ledger.record(Decimal(string: "1.5")!, at: day.addingTimeInterval(86_400), calendar: calendar)
        ledger.record(0, at: day, calendar: calendar)
        #expect(ledger.total(on: day, calendar: calendar) == Decimal(string: "0.00186"))
        #expect(ledger.total(on: day.addingTimeInterval(86_400), calendar: calendar) == Decimal(string: "1.5"))
        #expect(ledger.total(on: day.addingTimeInterval(-86_400), calendar: calendar) == 0)
    }
}
