import Foundation

extension SpendLedger {
    /// Takes over the per-day totals of the old `spend.json` once: one settled entry per day
    /// (source `import`, model "(imported)", at the day's local noon), then renames the file
    /// to `spend.json.imported`, never deleting it. A `meta` row marks the import done, in
    /// the same transaction, so two processes starting at once import it once between them.
    static func importLegacy(_ legacy: URL, into db: SQLiteConnection, calendar: Calendar = .current) -> [String] {
        guard FileManager.default.fileExists(atPath: legacy.path) else { return [] }
        var notices: [String] = []
        let loaded = StateFile(url: legacy).load { data in
            let raw = try JSONDecoder().decode([String: String].self, from: data)
            return raw.compactMapValues { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
        }
        if let warning = loaded.warning { notices.append(warning) }
        guard let days = loaded.value else { return notices }
        do {
            let imported = try db.transaction { () -> Int in
                let done = try db.prepare("SELECT value FROM meta WHERE key = 'spend_json_imported'")
                if try done.step() { return -1 }
                var count = 0
                for (day, cost) in days.sorted(by: { $0.key < $1.key }) {
                    guard let date = Self.noon(of: day, calendar: calendar), cost > 0 else { continue }
                    try db.prepare("""
                        INSERT INTO spend_entries (started_at, ended_at, model, source, free, state, cost_pico)
                        VALUES (?1, ?1, '(imported)', 'import', 0, 'settled', ?2)
                        """).bind([.int(Self.millis(date)), .int(try Money.pico(cost))]).run()
                    count += 1
                }
                try db.prepare("INSERT INTO meta (key, value) VALUES ('spend_json_imported', ?1)")
                    .bind([.text(UTCTimestamp(Date())?.compact(separator: "T", suffix: "Z") ?? "yes")]).run()
                return count
            }
            let kept = legacy.appendingPathExtension("imported")
            try? PosixFile.moveWithoutReplacing(legacy.path, to: kept.path)
            if imported >= 0 {
                notices.append("imported \(imported) day\(imported == 1 ? "" : "s") of spend from \(legacy.lastPathComponent) into the ledger; the old file is kept as \(kept.lastPathComponent)")
            }
        } catch {
            notices.append("could not import \(legacy.lastPathComponent) into the ledger: \(error)")
        }
        return notices
    }

    /// Noon local time on a `yyyy-MM-dd` day (noon: safely inside the day across DST changes).
    static func noon(of day: String, calendar: Calendar) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 12))
    }
}
