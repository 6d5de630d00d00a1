import ArgumentParser
import Foundation
import PrismCore

/// `prism spend`: what was spent, from the ledger every Prism process shares.
struct SpendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spend",
        abstract: "Show what was spent: totals, requests, average, top models, exact vs estimated.",
        discussion: """
        Reads the spend ledger (prism.db in the state folder); sends nothing. Days are local.
        Default: this month, by model.   prism spend --since 2026-11-01 --by day --csv > spend.csv
        """
    )

    @Flag(help: "Only today.")
    var today = false

    @Flag(help: "This month (the default).")
    var month = false

    @Option(help: "From this local date on (YYYY-MM-DD).")
    var since: String?

    @Option(help: "Rows per day, model or provider (default: model).")
    var by: SpendReport.Grouping = .model

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Print CSV (one row per day, model or provider).")
    var csv = false

    func validate() throws {
        if [today, month, since != nil].filter({ $0 }).count > 1 { throw ValidationError("choose one of --today, --month and --since") }
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let since, Self.parseDate(since) == nil { throw ValidationError("--since must be a date like 2026-12-01, not '\(since)'") }
    }

    func run() throws {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let now = Date()
        let periods = SpendPeriods(now: now)
        let from: Date
        let label: String
        if today {
            (from, label) = (periods.dayStart, "today")
        } else if let since, let date = Self.parseDate(since) {
            (from, label) = (date, "since \(since)")
        } else {
            (from, label) = (periods.monthStart, "this month")
        }
        let ledger = SpendLedger(paths: paths, quickCheck: true)  // a report reads it all anyway
        let entries: [SpendEntry]
        do {
            entries = try ledger.entries(from: from, to: nil, now: now)
        } catch {
            throw CLIFailure.request("could not read the spend ledger: \(error)")
        }
        for notice in ledger.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        let report = SpendReport(entries: entries, from: from, to: now, grouping: by)
        let output = SpendOutput(report: report, label: label, database: ledger.file)
        StandardIO.out(json ? output.json() : csv ? output.csv() : output.text())
    }

    /// A local calendar date, `YYYY-MM-DD`.
    static func parseDate(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        let components = DateComponents(year: y, month: m, day: d)
        guard components.isValidDate(in: Calendar.current) else { return nil }
        return Calendar.current.date(from: components)
    }
}

extension SpendReport.Grouping: ExpressibleByArgument {}
