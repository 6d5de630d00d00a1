import ArgumentParser
import Foundation
import PrismCore

/// `prism key`: usage, limit and remaining credit of the API key.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key",
        abstract: "Show usage, limit and remaining credit of the API key."
    )

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let context = try CLIContext(connection: connection)
        try context.requireKey()
        if !context.demo, context.config.apiKey == nil {
            throw CLIFailure.usage("no API key configured for \(context.config.baseURL.displayString)")
        }
        let info: KeyInfo
        do {
            info = try await context.client.fetchKeyInfo()
        } catch {
            throw CLIFailure.request("could not read the key's usage: \(error)")
        }
        // The account's balance, which `/credits` may refuse to a key that is not a management key.
        var credits: Balance?
        var creditsProblem: String?
        if context.demo {
            creditsProblem = "not known in demo mode"
        } else {
            do {
                credits = try await context.client.fetchCredits()
            } catch {
                creditsProblem = "\(error)"
            }
        }
        func money(_ d: Decimal?) -> String { d.map(Formatting.usd) ?? "unlimited" }
        if json {
            var object: [String: Any] = [:]
            object["label"] = info.label ?? NSNull()
            object["limit"] = info.limit.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
            object["limit_remaining"] = info.limitRemaining.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
            object["usage"] = info.usage.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
            object["usage_daily"] = info.usageDaily.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
            object["usage_monthly"] = info.usageMonthly.map { NSDecimalNumber(decimal: $0) } ?? NSNull()
            object["is_free_tier"] = info.isFreeTier ?? NSNull()
            if let credits {
                object["credits"] = ["total": credits.total.map { NSDecimalNumber(decimal: $0) } ?? NSNull(),
                                     "used": credits.used.map { NSDecimalNumber(decimal: $0) } ?? NSNull(),
                                     "remaining": NSDecimalNumber(decimal: credits.remaining)]
                object["credits_error"] = NSNull()
            } else {
                object["credits"] = NSNull()
                object["credits_error"] = creditsProblem ?? NSNull()
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            StandardIO.out(String(decoding: data, as: UTF8.self) + "\n")
            return
        }
        var lines: [String] = []
        if let label = info.label { lines.append("key        \(TerminalSanitizer.metadata(label))") }
        lines.append("used       \(info.usage.map(Formatting.usd) ?? "?") total · \(info.usageDaily.map(Formatting.usd) ?? "?") today · \(info.usageMonthly.map(Formatting.usd) ?? "?") this month")
        lines.append("limit      \(money(info.limit))\(info.limitReset.map { " (resets \($0))" } ?? "")")
        lines.append("remaining  \(info.limit == nil && info.limitRemaining == nil ? "unlimited" : money(info.limitRemaining))")
        if let credits {
            lines.append("balance    \(Formatting.usd(credits.remaining)) left of \(money(credits.total)) bought (\(money(credits.used)) used)")
        } else {
            lines.append("balance    unknown: \(TerminalSanitizer.metadata(creditsProblem ?? "not reported"))")
        }
        if info.isFreeTier == true { lines.append("tier       free (no credits bought yet)") }
        if context.demo { lines.append("(demo mode: simulated)") }
        StandardIO.out(lines.joined(separator: "\n") + "\n")
    }
}
