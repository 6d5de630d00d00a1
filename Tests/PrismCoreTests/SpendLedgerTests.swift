import Foundation
import Testing
@testable import PrismCore

@Suite("Spend ledger")
struct SpendLedgerTests {
    static let calendar = LedgerSandbox.calendar()
    static func at(_ text: String) -> Date { LedgerSandbox.date(text) }
    static func ask(_ model: String = "openai/gpt-5-mini", free: Bool = false) -> SpendRequest {
        SpendRequest(model: model, provider: "OpenAI", sessionID: "s1", source: .ask, free: free)
    }

    @Test func reserveSettleAndReleaseMoveBetweenReservedAndSpent() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let ledger = sandbox.ledger()
        let now = Self.at("2026-12-02 10:00:00")
        let a = try ledger.reserve(Self.ask(), worstCase: usd("0.05"), at: now)
        let b = try ledger.reserve(Self.ask(), worstCase: usd("0.02"), at: now)
        #expect(try ledger.totals(now: now, calendar: Self.calendar)
            == SpendTotals(today: 0, month: 0, reservedToday: usd("0.07"), reservedMonth: usd("0.07")))
        try ledger.settle(a, cost: usd("0.0123"), source: .usage, provider: "Azure", at: now)
        try ledger.release(b, at: now)
        try ledger.release(a, at: now)  // settled stays settled
        let totals = try ledger.totals(now: now, calendar: Self.calendar)
        #expect(totals == SpendTotals(today: usd("0.0123"), month: usd("0.0123")))
        let entries = try ledger.entries(now: now)
        #expect(entries.map(\.state) == [.settled, .released])
        #expect(entries[0].provider == "Azure" && entries[0].costSource == .usage && entries[0].sessionID == "s1")
        #expect(entries[0].reserved == usd("0.05") && entries[0].cost == usd("0.0123"))
    }

    @Test func aDeadProcessesReservationExpiresButItsSettledEntriesStay() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let gone = ProcessIdentity(pid: 4242, token: "boot/123")
        let dead = sandbox.ledger(owner: gone)
        let now = Self.at("2026-12-02 10:00:00")
        try dead.record(Self.ask(), cost: usd("0.5"), source: .usage, at: now)
        _ = try dead.reserve(Self.ask(), worstCase: usd("2"), at: now)
        // Another process, which sees pid 4242 running something else (or nothing).
        let other = sandbox.ledger(alive: { $0 != gone })
        let mine = try other.reserve(Self.ask(), worstCase: usd("0.25"), at: now)
        let totals = try other.totals(now: now, calendar: Self.calendar)
        #expect(totals.today == usd("0.5"))
        #expect(totals.reservedToday == usd("0.25"), "only the live reservation counts")
        #expect(try other.entries(now: now).map(\.state) == [.settled, .expired, .reserved])
        try other.settle(mine, cost: usd("0.1"), source: .estimate, at: now)
        #expect(try other.totals(now: now, calendar: Self.calendar).committedToday == usd("0.6"))
    }

    @Test func todayAndThisMonthFollowTheLocalCalendar() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let ledger = sandbox.ledger()
        try ledger.record(Self.ask(), cost: usd("1"), source: .usage, at: Self.at("2026-11-30 23:59:59"))
        try ledger.record(Self.ask(), cost: usd("2"), source: .usage, at: Self.at("2026-12-01 00:00:00"))
        try ledger.record(Self.ask(), cost: usd("4"), source: .usage, at: Self.at("2026-12-01 23:59:59"))
        try ledger.record(Self.ask(), cost: usd("8"), source: .usage, at: Self.at("2026-12-02 00:00:01"))
        func totals(_ text: String) throws -> SpendTotals { try ledger.totals(now: Self.at(text), calendar: Self.calendar) }
        #expect(try totals("2026-11-30 23:59:59").today == 1)
        #expect(try totals("2026-12-01 00:00:00").today == 6, "the whole local day")
        #expect(try totals("2026-12-01 00:00:00").month == 14, "November's entry is not this month's")
        #expect(try totals("2026-12-02 08:00:00").today == 8)
        #expect(try totals("2026-12-02 08:00:00").month == 14)
        // In UTC, 1 December runs from 01:00 to 01:00 Paris time: the 2nd's 00:00:01 entry is still the 1st.
        let utc = try ledger.totals(now: Self.at("2026-12-01 02:00:00"), calendar: LedgerSandbox.calendar("UTC"))
        #expect(utc.today == 12 && utc.month == 12)
        let resets = SpendLedger.resets(now: Self.at("2026-12-02 08:00:00"), calendar: Self.calendar)
        #expect(resets.day == Self.at("2026-12-03 00:00:00"))
        #expect(resets.month == Self.at("2027-01-01 00:00:00"))
    }

    @Test func dayBoundsOnTheQuarterHourOfAnyZoneAreExact() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let ledger = sandbox.ledger()
        for zone in ["Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns"] {
            let midnight = LedgerSandbox.date("2026-12-02 00:00:00", zone: zone)
            try ledger.record(Self.ask(), cost: usd("1"), source: .usage, at: midnight.addingTimeInterval(-0.001))
            try ledger.record(Self.ask(), cost: usd("10"), source: .usage, at: midnight)
            let totals = try ledger.totals(now: midnight.addingTimeInterval(3600), calendar: LedgerSandbox.calendar(zone))
            #expect(totals.today >= 10, "\(zone)")
            let entries = try ledger.entries(now: midnight)
            let expected = entries.filter { $0.startedAt >= midnight && $0.startedAt < midnight.addingTimeInterval(86_400) }
                .reduce(Decimal(0)) { $0 + ($1.cost ?? 0) }
            #expect(totals.today == expected, "\(zone): the buckets agree with the entries")
        }
    }

    @Test func anAmendedCostMovesTheTotals() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let ledger = sandbox.ledger()
        let now = Self.at("2026-12-02 10:00:00")
        let id = try ledger.reserve(Self.ask(), worstCase: 1, at: now)
        try ledger.settle(id, cost: usd("0.5"), source: .estimate, at: now)
        // A later exact figure (from /generation) replaces the estimate in place.
        try ledger.read { db in
            try db.prepare("UPDATE spend_entries SET cost_pico = ?1, cost_source = 'generation' WHERE id = ?2")
                .bind([.int(try Money.pico(usd("0.4"))), .int(id.rawValue)]).run()
        }
        #expect(try ledger.totals(now: now, calendar: Self.calendar) == SpendTotals(today: usd("0.4"), month: usd("0.4")))
    }

    @Test func freeRequestsAreCountedPerMinuteAndPerDay() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let ledger = sandbox.ledger()
        let free = Self.ask("meta/llama:free", free: true)
        try ledger.record(free, cost: 0, source: .usage, at: Self.at("2026-12-01 23:59:50"))  // yesterday, same minute
        for second in [0, 10, 20] {
            try ledger.record(free, cost: 0, source: .usage, at: Self.at("2026-12-02 00:00:\(String(format: "%02d", second))"))
        }
        try ledger.record(free, cost: 0, source: .usage, at: Self.at("2026-12-02 00:00:30").addingTimeInterval(-3600 * 24 * 40))
        let released = try ledger.reserve(free, worstCase: 0, at: Self.at("2026-12-02 00:00:25"))
        try ledger.release(released)
        _ = try ledger.reserve(free, worstCase: 0, at: Self.at("2026-12-02 00:00:29"))  // in flight: counts
        try ledger.record(Self.ask(), cost: usd("0.01"), source: .usage, at: Self.at("2026-12-02 00:00:29"))
        let totals = try ledger.totals(now: Self.at("2026-12-02 00:00:40"), calendar: Self.calendar)
        #expect(totals.freeRequestsLastMinute == 5)
        #expect(totals.freeRequestsToday == 4)
        let later = try ledger.totals(now: Self.at("2026-12-02 00:01:15"), calendar: Self.calendar)
        #expect(later.freeRequestsLastMinute == 2 && later.freeRequestsToday == 4)
        let starts = try ledger.freeRequestStarts(since: Self.at("2026-12-02 00:00:00"), now: Self.at("2026-12-02 00:00:40"))
        #expect(starts == [0, 10, 20, 29].map { Self.at("2026-12-02 00:00:\(String(format: "%02d", $0))") })
        #expect(SpendRequest.isFree(model: "x/y:free", pricing: nil))
        #expect(SpendRequest.isFree(model: "x/y:free:online", pricing: nil))
        #expect(SpendRequest.isFree(model: "x/y", pricing: ModelPricing(prompt: 0, completion: 0)))
        #expect(!SpendRequest.isFree(model: "x/y", pricing: ModelPricing(prompt: 0, completion: usd("0.000001"))))
        #expect(!SpendRequest.isFree(model: "x/y", pricing: nil))
    }

    @Test func concurrentWritersAddUpExactly() async throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        let now = Self.at("2026-12-02 10:00:00")
        // Separate ledgers are separate connections, as separate processes would have.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                let ledger = sandbox.ledger()
                group.addTask {
                    for _ in 0..<10 {
                        do { try ledger.record(Self.ask(), cost: usd("0.000093"), source: .usage, at: now) } catch { Issue.record("\(error)") }
                    }
                }
            }
        }
        #expect(try sandbox.ledger().totals(now: now, calendar: Self.calendar).today == usd("0.00372"))
    }

    @Test func theOldSpendFileIsImportedOnceAndKept() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        try sandbox.write(Data(#"{"2026-11-30": "0.25", "2026-12-02": "1.000000000001"}"#.utf8), to: sandbox.legacy)
        let ledger = sandbox.ledger()
        let now = Self.at("2026-12-02 10:00:00")
        let totals = try ledger.totals(now: now, calendar: Self.calendar)
        #expect(totals.today == usd("1.000000000001"))
        #expect(ledger.takeNotices() == ["imported 2 days of spend from spend.json into the ledger; the old file is kept as spend.json.imported"])
        #expect(!FileManager.default.fileExists(atPath: sandbox.legacy.path))
        #expect(sandbox.names(sandbox.state).contains("spend.json.imported"))
        let entries = try ledger.entries(now: now)
        #expect(entries.map(\.source) == [.import, .import] && entries.allSatisfy { $0.state == .settled })
        // A copy put back (an older Prism still running wrote one) is not imported twice.
        try sandbox.write(Data(#"{"2026-12-02": "5"}"#.utf8), to: sandbox.legacy)
        let again = sandbox.ledger()
        #expect(try again.totals(now: now, calendar: Self.calendar).today == usd("1.000000000001"))
        #expect(again.takeNotices().isEmpty)
    }

    @Test func aDamagedSpendFileIsMovedAsideWithANotice() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        try sandbox.write(Data(#"{"2026-11-22": 0.5}"#.utf8), to: sandbox.legacy)
        let ledger = sandbox.ledger()
        try ledger.record(Self.ask(), cost: usd("0.25"), source: .usage)
        let notices = ledger.takeNotices()
        #expect(notices.count == 1 && notices[0].hasPrefix("spend.json could not be read (wrong type at "), "\(notices)")
        #expect(sandbox.names(sandbox.corrupt).count == 1)
        #expect(try ledger.totals().today == usd("0.25"))
    }

    @Test func aCorruptLedgerIsKeptAsideAndTheNoticeGivenOnce() throws {
        let sandbox = LedgerSandbox()
        defer { sandbox.remove() }
        try sandbox.write(Data(repeating: 7, count: 2048), to: sandbox.database)
        let ledger = sandbox.ledger()
        #expect(try ledger.totals() == SpendTotals())
        let notices = ledger.takeNotices()
        #expect(notices.count == 1 && notices[0].hasPrefix("prism.db is damaged"), "\(notices)")
        #expect(ledger.takeNotices().isEmpty)
        #expect(sandbox.names(sandbox.corrupt).count == 1)
    }
}

