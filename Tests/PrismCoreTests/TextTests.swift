import Foundation
import Testing
@testable import PrismCore

@Suite("Sanitising and formatting")
struct TextTests {
    @Test func escapeSequencesAndControlsAreNeutralised() {
        let hostile = "a\u{1B}]0;title\u{07}b\u{1B}[2Jc\u{9B}31md\r\u{7F}e\n\tf"
        let safe = TerminalSanitizer.sanitize(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(!safe.unicodeScalars.contains { $0.value == 0x9B || $0.value == 0x7F })
        #expect(safe == "a\u{241B}]0;titleb\u{241B}[2Jc31mde\n\tf")
        #expect(TerminalSanitizer.sanitize("plain 世界 👋🏽") == "plain 世界 👋🏽")
    }

    @Test func money() {
        #expect(Formatting.usd(Decimal(string: "0.000093")!) == "$0.000093")
        #expect(Formatting.usd(Decimal(string: "0.0123")!) == "$0.0123")
        #expect(Formatting.usd(Decimal(string: "1.2345")!) == "$1.23")
        #expect(Formatting.usd(0) == "$0")
        #expect(Formatting.usd(Decimal(string: "0.0000001")!) == "$0.0000001")
        #expect(Formatting.perMillion(Decimal(string: "0.000003")) == "$3")
        #expect(Formatting.perMillion(Decimal(string: "0.00000015")) == "$0.15")
        #expect(Formatting.perMillion(0) == "free")
        #expect(Formatting.perMillion(nil) == "?")
        #expect(Formatting.cost(TokenUsage(cost: Decimal(string: "0.5"), costIsEstimate: true)) == "~$0.5")
        #expect(Formatting.cost(nil) == "cost ?")
    }

    @Test func tokensAndDurations() {
        #expect(Formatting.tokens(950) == "950")
        #expect(Formatting.tokens(12_300) == "12.3k")
        #expect(Formatting.tokens(128_000) == "128k")
        #expect(Formatting.tokens(1_048_576) == "1.05M")
        #expect(Formatting.duration(ms: 850) == "850ms")
        #expect(Formatting.duration(ms: 2400) == "2.4s")
    }
}
