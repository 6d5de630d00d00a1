import ArgumentParser
import Foundation
import PrismCore

/// `--max-cost` and `--over-budget`, shared by `ask` and `compare`, and the check they feed:
/// the policy weighs the call's requests (a compare round as a whole) against config.toml's
/// `[budget]` and the spend ledger before anything is sent.
struct BudgetOptions: ParsableArguments {
    @Option(name: .customLong("max-cost"), parsing: .unconditional,
            help: ArgumentHelp("A per-request cap in USD for this call (a compare round counts as one).", valueName: "usd"))
    var maxCost: String?

    @Flag(name: .customLong("over-budget"), help: "Send even if a budget cap refuses it (this call only).")
    var overBudget = false

    /// Exit status of a send the budget refused.
    static let refusedStatus: Int32 = 3

    func validate() throws {
        _ = try parsedMaxCost()
    }

    func parsedMaxCost() throws -> Decimal? {
        guard let maxCost else { return nil }
        let text = maxCost.hasPrefix("$") ? String(maxCost.dropFirst()) : maxCost
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN, value >= 0,
              text.allSatisfy({ $0.isNumber || $0 == "." }) else {
            throw ValidationError("--max-cost must be an amount in USD, e.g. 0.05")
        }
        return value
    }

    /// Throws exit status 3 with the policy's one line when the requests may not go; prints a
    /// warning or the question (which, with nobody to answer it, refuses too) to stderr.
    func check(_ estimates: [CostEstimate], context: CLIContext, now: Date = Date()) throws {
        guard !context.demo else { return }
        var caps = context.config.budget
        if let cap = try parsedMaxCost() { caps.perRequest = cap }
        guard !caps.isOff else { return }
        let (totals, warnings) = SpendLedger(paths: context.paths).spendTotals(now: now)
        for warning in warnings { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(warning))") }
        switch BudgetPolicy.decide(caps: caps, totals: totals, ask: SpendAsk(estimates), now: now) {
        case .allow:
            return
        case .warn(let text):
            StandardIO.error("prism: warning: \(text)")
        case .confirm(let text):
            guard overBudget else {
                throw CLIFailure(status: Self.refusedStatus, message: "not sent: \(text) (--over-budget sends it)")
            }
        case .refuse(let refusal):
            guard overBudget else {
                let fit = refusal.fittingMaxTokens.map { "; --max-tokens \($0) fits" } ?? ""
                throw CLIFailure(status: Self.refusedStatus, message: "not sent: \(refusal.message)\(fit) (--over-budget sends it)")
            }
            StandardIO.error("prism: warning: over budget, sent because of --over-budget: \(refusal.message)")
        }
    }
}
