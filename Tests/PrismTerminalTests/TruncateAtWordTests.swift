import Testing
@testable import PrismTerminal

@Suite("Cutting text at a word")
struct TruncateAtWordTests {
    @Test func cutsAtAWordEndWithAnEllipsis() {
        let id = "anthropic/claude-sonnet-4.5"
        #expect(id.truncatedAtWord(to: 30, separators: "/-_:") == id)
        #expect(id.truncatedAtWord(to: 20, separators: "/-_:") == "anthropic/claude-…")
        #expect(id.truncatedAtWord(to: 26, separators: "/-_:") == "anthropic/claude-sonnet-…", "not at the dot of 4.5")
        #expect("OpenAI · ttft 390ms · 140 tok/s · ↑1.2k ↓101".truncatedAtWord(to: 37) == "OpenAI · ttft 390ms · 140 tok/s…")
        #expect("Anthropic · ttft 820ms · 95 tok/s".truncatedAtWord(to: 22) == "Anthropic · ttft…")
        #expect("Anthropic · ttft 820ms".truncatedAtWord(to: 17) == "Anthropic · ttft…")
        #expect("supercalifragilistic".truncatedAtWord(to: 8) == "superca…", "one long word is cut where it must be")
        #expect("ab cd".truncatedAtWord(to: 0) == "")
    }
}
