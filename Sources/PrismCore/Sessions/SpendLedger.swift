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
/// the last 90 are kept. Losing the file loses a statistic, never a conversation.
public struct SpendLedger: Sendable {
    public let file: URL

    public init(file: URL) {
        self.file = file
    }

    public init(paths: PrismPaths) {
        self.init(file: paths.state.appendingPathComponent("spend.json"))
    }

    /// Adds `cost` to the day `date` falls on.
    public func record(_ cost: Decimal, at date: Date = Date(), calendar: Calendar = .current) {
        guard cost > 0 else { return }
        withLock {
            var days = read()
            let key = SpendLedger.dayKey(date, calendar: calendar)
            days[key] = (days[key] ?? 0) + cost
            let kept = days.keys.sorted().suffix(90)
            days = days.filter { kept.contains($0.key) }
            write(days)
        }
    }

    /// The total recorded for the day `date` falls on.
    public func total(on date: Date = Date(), calendar: Calendar = .current) -> Decimal {
        read()[SpendLedger.dayKey(date, calendar: calendar)] ?? 0
    }

    static func dayKey(_ date: Date, calendar: Calendar) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }

    private func read() -> [String: Decimal] {
        guard let data = FileManager.default.contents(atPath: file.path),
              let raw = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return raw.compactMapValues { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
    }

    private func write(_ days: [String: Decimal]) {
        let raw = days.mapValues { "\($0)" }
        guard let data = try? JSONEncoder().encode(raw) else { return }
        try? AtomicFile().write(data, to: file)
    }

    private func withLock(_ body: () -> Void) {
        let folder = file.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let lockPath = folder.appendingPathComponent(".spend.lock").path
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return body() }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        body()
    }
}
