import ArgumentParser
import Foundation
import PrismCore

/// `prism stats`: the reply history in prism.db, per model, provider, tag or day.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show the reply history: requests, cost, speed and errors per model, provider, tag or day.",
        discussion: """
        Reads the reply history (prism.db in the state folder); sends nothing. Days are local.
        Default: the last 30 days, by model.   prism stats --since 7d --by day    prism stats --by tag --csv > tags.csv
        """
    )

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case model, provider, day, tag
    }

    @Option(help: "From this local date (YYYY-MM-DD), or today, 7d, 30d, all (default: 30d).")
    var since: String = StatsRange.month.rawValue

    @Option(help: "Rows per model, provider, day or tag (default: model).")
    var by: Grouping = .model

    @Flag(help: "Print the whole report as JSON.")
    var json = false

    @Flag(help: "Print CSV (one row per model, provider, day or tag).")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if Self.start(since, now: Date()) == nil {
            throw ValidationError("--since must be today, 7d, 30d, all or a date like 2026-12-01, not '\(since)'")
        }
    }

    func run() throws {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let now = Date()
        guard let (range, from) = Self.start(since, now: now) else { return }
        let history = ReplyHistory(paths: paths)
        let report: StatsReport
        do {
            report = try history.report(range: range, since: from, now: now)
        } catch {
            throw CLIFailure.request("could not read the reply history: \(TerminalSanitizer.metadata("\(error)"))")
        }
        for notice in history.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        let output = StatsOutput(report: report, by: by, database: history.database.file)
        StandardIO.out(json ? output.json() : csv ? output.csv() : output.text(chart: StandardIO.stdoutIsTerminal))
    }

    /// The range `text` names and its first instant (nil: all time); nil when it names none.
    static func start(_ text: String, now: Date) -> (range: StatsRange, from: Date?)? {
        if let range = StatsRange(rawValue: text) { return (range, range.start(now: now)) }
        return SpendCommand.parseDate(text).map { (.all, $0) }
    }
}
