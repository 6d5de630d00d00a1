import ArgumentParser
import Foundation
import PrismCore

/// `prism models health`: the shared health record, per model and per provider, with each
/// circuit's state (see `RouteHealth`).
struct ModelsHealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "How models and providers answered lately, and which are skipped in fallback chains.",
        discussion: """
        From every Prism process's replies of the last \(RouteHealth.keepDays) days: requests, success rate, \
        failures by kind, median latency of successful replies, the last failure, and the circuit: \
        closed, open until HH:MM (skipped in fallback chains), or trying (the next request goes through). \
        Thresholds: [health] in config.toml.
        """
    )

    @Flag(help: "Print JSON instead of tables.")
    var json = false

    @Option(help: "Only replies asked of this model id.")
    var model: String?

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let context = try CLIContext(connection: connection)
        let health = RouteHealth(paths: context.paths, settings: context.config.health)
        let now = Date()
        let report: HealthReport
        do {
            let since = now.addingTimeInterval(-Double(RouteHealth.keepDays) * 86_400)
            report = HealthReport(outcomes: try health.outcomes(since: since, model: model), snapshot: try health.snapshot(now: now), now: now)
        } catch {
            throw CLIFailure.request("could not read the health record: \(TerminalSanitizer.metadata("\(error)"))")
        }
        for notice in health.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        if json {
            StandardIO.out(HealthJSON(report: report, now: now).render() + "\n")
        } else if report.isEmpty {
            StandardIO.out("No replies recorded in the last \(RouteHealth.keepDays) days\(model.map { " for \(DisplayText.fit($0, width: 80))" } ?? "").\n")
        } else {
            StandardIO.out(HealthTable.render(report, now: now))
        }
    }
}

/// The plain-text health tables: models, then providers. Names come from servers, so they
/// are cleaned and cut like every other cell.
enum HealthTable {
    static func render(_ report: HealthReport, now: Date) -> String {
        let s = report.settings
        var text = "Circuits open after \(s.failures) failures within \(ChainSkip.minutes(Int(s.window))) and stay open "
            + "\(ChainSkip.minutes(Int(s.cooldown))); latency is the median of successful replies.\n\n"
        text += table("MODEL", report.models, now: now)
        if !report.providers.isEmpty { text += "\n" + table("PROVIDER", report.providers, now: now) }
        return text
    }

    static func table(_ title: String, _ rows: [HealthReport.Row], now: Date) -> String {
        let header = [title, "REQUESTS", "OK", "FAILURES", "P50 FIRST", "P50 TOTAL", "LAST FAILURE", "CIRCUIT"]
        let body = rows.map { row -> [String] in
            let ok: String = row.okPercent.map { "\($0)%" } ?? "-"
            let failures: [String] = row.failures.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }
            let last: String = row.lastFailure.map { "\(when($0, now: now)) \(row.lastFailureKind ?? "")" } ?? "-"
            return [
                DisplayText.fit(row.name, width: 50), String(row.requests), ok,
                failures.isEmpty ? "-" : failures.joined(separator: ", "),
                latency(row.p50TtftMs), latency(row.p50TotalMs), last, circuit(row.state, now: now),
            ]
        }
        return TextTable.render(header: header, rows: body, rightAligned: [1, 2, 4, 5])
    }

    static func latency(_ ms: Int?) -> String {
        ms.map { Formatting.duration(ms: Double($0)) } ?? "-"
    }

    /// "closed", "open until 14:05", "trying".
    static func circuit(_ state: Circuit.State, now: Date) -> String {
        switch state {
        case .closed: return "closed"
        case .open(let until): return "open until \(when(until, now: now))"
        case .trying: return "trying"
        }
    }

    /// HH:MM today, else the date too.
    static func when(_ date: Date, now: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = Calendar.current.isDate(date, inSameDayAs: now) ? "HH:mm" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// `prism models health --json`: one object, every key always present.
struct HealthJSON: Encodable {
    var report: HealthReport
    var now: Date

    struct Row: Encodable {
        var name: String, requests: Int, ok: Int, okPercent: Int?, failures: [String: Int]
        var p50TtftMs: Int?, p50TotalMs: Int?, lastFailure: String?, lastFailureKind: String?
        var circuit: String, openUntil: String?, retryAfterSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case name, requests, ok, okPercent = "ok_percent", failures, p50TtftMs = "p50_ttft_ms", p50TotalMs = "p50_total_ms"
            case lastFailure = "last_failure", lastFailureKind = "last_failure_kind", circuit, openUntil = "open_until"
            case retryAfterSeconds = "retry_after_seconds"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(requests, forKey: .requests)
            try c.encode(ok, forKey: .ok)
            try c.encode(failures, forKey: .failures)
            try c.encode(circuit, forKey: .circuit)
            for (value, key) in [(okPercent, CodingKeys.okPercent), (p50TtftMs, .p50TtftMs), (p50TotalMs, .p50TotalMs), (retryAfterSeconds, .retryAfterSeconds)] {
                if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
            }
            for (value, key) in [(lastFailure, CodingKeys.lastFailure), (lastFailureKind, .lastFailureKind), (openUntil, .openUntil)] {
                if let value { try c.encode(value, forKey: key) } else { try c.encodeNil(forKey: key) }
            }
        }
    }

    enum Keys: String, CodingKey { case models, providers, settings }
    enum SettingKeys: String, CodingKey { case failures, windowSeconds = "window_seconds", cooldownSeconds = "cooldown_seconds" }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(report.models.map(row), forKey: .models)
        try c.encode(report.providers.map(row), forKey: .providers)
        var s = c.nestedContainer(keyedBy: SettingKeys.self, forKey: .settings)
        try s.encode(report.settings.failures, forKey: .failures)
        try s.encode(report.settings.window, forKey: .windowSeconds)
        try s.encode(report.settings.cooldown, forKey: .cooldownSeconds)
    }

    private func row(_ r: HealthReport.Row) -> Row {
        let iso = ISO8601DateFormatter()
        var circuit = "closed", until: Date?
        switch r.state {
        case .closed: break
        case .open(let date): circuit = "open"; until = date
        case .trying: circuit = "trying"
        }
        return Row(name: r.name, requests: r.requests, ok: r.ok, okPercent: r.okPercent, failures: r.failures,
                   p50TtftMs: r.p50TtftMs, p50TotalMs: r.p50TotalMs, lastFailure: r.lastFailure.map(iso.string),
                   lastFailureKind: r.lastFailureKind, circuit: circuit, openUntil: until.map(iso.string),
                   retryAfterSeconds: until.map { max(1, Int($0.timeIntervalSince(now).rounded(.up))) })
    }

    func render() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
