import Foundation
import Testing
@testable import PrismCore

@Suite("Budget config")
struct BudgetConfigTests {
    @Test func budgetTableIsReadAsDecimals() throws {
        let (config, warnings) = try PrismConfig.parse("""
            [budget]
            per_request = 0.05
            daily = 2
            monthly = 30
            warn_at = 0.9
            confirm_above = 0.25
            credit_floor = 5
            """)
        #expect(warnings.isEmpty)
        #expect(config.budget == BudgetCaps(perRequest: Decimal(string: "0.05"), daily: 2, monthly: 30,
                                            warnAt: Decimal(string: "0.9")!, confirmAbove: Decimal(string: "0.25"), creditFloor: 5))
    }

    @Test func warnAtDefaultsToEightyPercent() throws {
        let (config, _) = try PrismConfig.parse("[budget]\ndaily = 1\n")
        #expect(config.budget?.warnAt == Decimal(string: "0.8"))
        #expect(config.budget?.perRequest == nil)
    }

    @Test(arguments: [
        ("[budget]\ndaily = -1\n", 2, "'budget.daily' must be between 0 and 1000000"),
        ("[budget]\nmonthly = \"lots\"\n", 2, "'budget.monthly' must be a number, not a string"),
        ("[budget]\nwarn_at = 0\n", 2, "'budget.warn_at' must be above 0 and at most 1 (a fraction of the cap, e.g. 0.8)"),
        ("[budget]\nwarn_at = 1.5\n", 2, "'budget.warn_at' must be between 0 and 1"),
        ("budget = 3\n", 1, "'budget' must be a table, not an integer"),
    ])
    func badBudgetValuesAreOneLineErrors(text: String, line: Int, message: String) {
        #expect(throws: TOMLError(fileName: "config.toml", line: line, message: message)) {
            try PrismConfig.parse(text)
        }
    }

    @Test func unknownBudgetKeyWarns() throws {
        let (_, warnings) = try PrismConfig.parse("[budget]\ndialy = 2\n")
        #expect(warnings == ["config.toml: unknown key 'budget.dialy'"])
    }

    @Test func resolvedConfigCarriesTheBudgetAndItsSource() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(try xdg.resolve().budget == BudgetCaps())
        try xdg.writeConfig("[budget]\ndaily = 2\nconfirm_above = 0.5\n")
        let config = try xdg.resolve()
        #expect(config.budget.daily == 2)
        #expect(config.budget.confirmAbove == Decimal(string: "0.5"))
        #expect(config.source(of: .budget) == .file)
        #expect(config.explanation.contains("budget = daily $2 · warn at 80% · confirm above $0.5 (file)"))
    }
}
