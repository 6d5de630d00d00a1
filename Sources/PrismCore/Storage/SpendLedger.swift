import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What was spent per day, across sessions and commands, for "today" in the status bar.
///
/// A small JSON file in the state folder, updated after every reply that reported a
/// cost, by the chat screen, `prism ask` and `prism compare` alike (an `ask` without
/// `--save` leaves no session, but it was still paid for). Updates take an exclusive
/// `flock`, so several Prism processes can record at once. Days are local dates; only
/// the last 90 are kept. Losing the file loses a statistic, never a conversation; a
/// damaged one is still moved aside and reported (`StateFile`) rather than overwritten.
public struct SpendLedger: Sendable {
    public let file: URL
    let stateFile: StateFile

    public init(file: URL) {
        self.init(stateFile: StateFile(url: file))
    }

    init(stateFile: StateFile) {
        self.file = stateFile.url
        self.stateFile = stateFile
    }

    public init(paths: PrismPaths) {
        self.init(file: paths.state.appendingPathComponent("spend.json"))
    }

    /// Adds `cost` to the day `date` falls on; returns the warnings met (a damaged file moved aside).
    @discardableResult
    public func record(_ cost: Decimal, at date: Date = Date(), calendar: Calendar = .current) -> [String] {
        guard cost > 0 else { return [] }
        return withLock {
            let loaded = read()
            let warnings = loaded.warning.map { [$0] } ?? []
            guard !loaded.blocked else { return warnings }
            var days = loaded.value ?? [:]
            let key = SpendLedger.dayKey(date, calendar: calendar)
            days[key] = (days[key] ?? 0) + cost
            let kept = days.keys.sorted().suffix(90)
            days = days.filter { kept.contains($0.key) }
            write(days)
            return warnings
        }
    }

    /// The total recorded for the day `date` falls on.
    public func total(on date: Date = Date(), calendar: Calendar = .current) -> Decimal {
        totalReporting(on: date, calendar: calendar).total
    }

    /// The total for the day, with one line per problem to show the user (a damaged file moved aside).
    public func totalReporting(on date: Date = Date(), calendar: Calendar = .current) -> (total: Decimal, warnings: [String]) {
        let loaded = read()
        return (loaded.value?[SpendLedger.dayKey(date, calendar: calendar)] ?? 0, loaded.warning.map { [$0] } ?? [])
    }

    static func dayKey(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    private func read() -> StateFile.Loaded<[String: Decimal]> {
        stateFile.load { data in
            let raw = try JSONDecoder().decode([String: String].self, from: data)
            return raw.compactMapValues { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        }
    }

    private func write(_ days: [String: Decimal]) {
        let raw = days.mapValues { "\($0)" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(raw) else { return }
        try? stateFile.save(data)
    }

    private func withLock<T>(_ body: () -> T) -> T {
        let folder = file.deletingLastPathComponent()
        try? PosixFile.makeFolder(folder.path)
        let lockPath = folder.appendingPathComponent(".spend.lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        return body()
    }
}
