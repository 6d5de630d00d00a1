import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Blind compare at the frame level: no model or provider name reaches the screen before a
/// verdict (pane headers, tabs, status bar, summary, notices), the names show after it, the
/// verdict is recorded as blind, and the next round hides them again.
@Suite("Blind compare")
struct BlindCompareTests {
    static let models = ["acme/alpha-large", "bravo/beta-mini", "corp/gamma-pro"]
    static let brands = models + ["alpha-large", "beta-mini", "gamma-pro", "AcmeCloud", "BravoHost", "CorpInfer"]

    static func harness(_ size: Size = Size(width: 120, height: 40)) -> ReducerHarness {
        let h = ReducerHarness(size: size)
        h.env.shuffle = { $0.reversed() }
        return h
    }

    /// Finishes request `id` as the model and provider a server would name.
    static func finish(_ h: ReducerHarness, _ id: Int, model: String, provider: String) {
        var reply = Reply()
        reply.content = "An answer from the pane."
        reply.model = model
        reply.provider = provider
        reply.finishReason = "stop"
        reply.usage = TokenUsage(promptTokens: 10, completionTokens: 5, cost: Decimal(string: "0.0001"))
        h.send(.completion(requestID: id, event: .finished(reply)))
    }

    static func leaks(_ screen: String) -> [String] { brands.filter { screen.contains($0) } }

    static func oneRound(_ h: ReducerHarness) {
        h.command("/compare --blind " + models.joined(separator: " "))
        h.command("hello there")
        // Requests start in pane order, which is shuffled (reversed here).
        for (i, model) in h.state.comparedModels!.enumerated() {
            finish(h, i + 1, model: model, provider: ["acme/alpha-large": "AcmeCloud", "bravo/beta-mini": "BravoHost", "corp/gamma-pro": "CorpInfer"][model]!)
        }
    }

    @Test(arguments: [Size(width: 120, height: 40), Size(width: 80, height: 24)])
    func namesStayHiddenUntilAVerdictThenShow(size: Size) throws {
        let h = Self.harness(size)
        h.command("/compare --blind " + Self.models.joined(separator: " "))
        #expect(h.state.comparedModels == Self.models.reversed(), "the panes are shuffled")
        #expect(h.state.blind == BlindCompare(hidden: true))
        #expect(Self.leaks(h.screen()).isEmpty, "\(h.screen())")
        h.command("hello there")
        #expect(Self.leaks(h.screen()).isEmpty, "nothing leaks while streaming: \(h.screen())")
        for (i, model) in h.state.comparedModels!.enumerated() {
            Self.finish(h, i + 1, model: model, provider: ["AcmeCloud", "BravoHost", "CorpInfer"][Self.models.firstIndex(of: model)!])
        }
        let hidden = h.screen()
        #expect(Self.leaks(hidden).isEmpty, "\(hidden)")
        #expect(hidden.contains("Pane A") && hidden.contains("Pane B"))
        h.key(.alt("="))  // a thumb names the model in its notice: masked too
        #expect(h.state.notice?.text.contains("corp/gamma-pro") == true)
        #expect(Self.leaks(h.screen()).isEmpty, "\(h.screen())")

        let tie = LeaderboardKeysTests.recorded(h.key(.alt("t")))
        #expect(!tie.isEmpty && tie.allSatisfy(\.blind), "the verdict was given blind")
        #expect(h.state.blind == BlindCompare(hidden: false))
        let revealed = h.screen()
        #expect(revealed.contains("corp/gamma") && !revealed.contains("Pane A"), "\(revealed)")

        h.command("and again")
        #expect(h.state.blind?.hidden == true, "a new round hides the names again")
        #expect(Self.leaks(h.screen()).isEmpty)
    }

    @Test func overlaysThatNameModelsWaitForTheVerdict() {
        let h = Self.harness()
        Self.oneRound(h)
        for key in [Key.ctrl("p"), .alt("r")] {
            h.key(key)
            #expect(h.state.focus == .prompt, "\(key) refused")
            #expect(h.state.notice?.text.hasPrefix("blind compare: ") == true)
            #expect(Self.leaks(h.screen()).isEmpty)
        }
        h.command("/model")
        #expect(h.state.focus == .prompt)
        h.key(.alt("t"))
        h.key(.ctrl("p"))
        #expect(h.state.focus == .picker, "after the verdict the picker opens")
    }

    @Test func aBlindPickRecordsBlindAndLeavesCompareWithTheNamesShown() {
        let h = Self.harness()
        Self.oneRound(h)
        h.key(.alt("2"))
        let pick = LeaderboardKeysTests.recorded(h.key(.alt("p")))
        #expect(pick.map(\.winner) == ["bravo/beta-mini", "bravo/beta-mini"] && pick.allSatisfy(\.blind))
        #expect(h.state.blind == nil && !h.state.isComparing)
        #expect(h.state.notice?.text.hasPrefix("recorded: bravo/beta-mini beats corp/gamma-pro, acme/alpha-large") == true)
        #expect(h.screen().contains("bravo/beta-mini"))
    }

    @Test func withoutBlindNothingIsShuffledOrHidden() {
        let h = Self.harness()
        h.command("/compare " + Self.models.joined(separator: " "))
        #expect(h.state.comparedModels == Self.models && h.state.blind == nil)
        #expect(h.screen().contains("acme/alpha-large"))
        let pick = LeaderboardKeysTests.recorded({ Self.oneRoundPlain(h); return h.key(.alt("p")) }())
        #expect(pick.allSatisfy { !$0.blind } && !pick.isEmpty)
    }

    static func oneRoundPlain(_ h: ReducerHarness) {
        h.command("hello there")
        for (i, model) in h.state.comparedModels!.enumerated() { finish(h, i + 1, model: model, provider: "P") }
    }

    @Test func slashBlindTogglesAndConfigTurnsItOn() throws {
        let h = Self.harness()
        h.command("/blind")
        #expect(h.state.blindByDefault && h.state.notice?.text == "blind compare on: the next comparison hides names and shuffles panes")
        h.command("/compare " + Self.models.joined(separator: " "))
        #expect(h.state.blind?.hidden == true && h.state.comparedModels == Self.models.reversed())
        h.command("/blind")
        #expect(h.state.blind == nil && !h.state.blindByDefault)
        #expect(h.screen().contains("acme/alpha-large"))

        let (config, warnings) = try PrismConfig.parse("[compare]\nblind = true\nfoo = 1\n")
        #expect(config.compareBlind == true)
        #expect(warnings.contains { $0.contains("foo") })
        #expect(throws: TOMLError.self) { try PrismConfig.parse("[compare]\nblind = \"yes\"\n") }
    }
}
