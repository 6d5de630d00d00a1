import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A chat on one priced model; the screen drawn with the harness's reply cap (1000).
private final class PreviewHarness: ReducerHarness, @unchecked Sendable {
    init(catalog: [ModelInfo] = [ModelInfo(id: "a/one", pricing: ModelPricing(prompt: Decimal(string: "0.000001"),
                                                                            completion: Decimal(string: "0.000002")))]) {
        super.init(model: "a/one", size: Size(width: 80, height: 24))
        state.catalog = catalog
    }

    func drawn() -> String {
        var s = state
        return AppRenderer(maxTokensCap: env.maxTokensCap).render(&s, theme: UIFixtures.theme()).text()
    }

    /// The prompt box's top border.
    var promptBorder: String { drawn().split(separator: "\n").first { $0.contains("Prompt") }.map(String.init) ?? "" }
}

@Suite("Cost preview: typing changes the figure before Enter")
struct CostPreviewKeysTests {
    @Test func typingShowsAndUpdatesTheEstimateInThePromptsBorder() {
        let h = PreviewHarness()
        #expect(!h.promptBorder.contains("≈"), "nothing to price before typing")
        h.type("hello")
        // 5 bytes at 3.5 a token = 2, plus 4 for the message: 6 tokens at $1/M; 1000 at $2/M at most.
        #expect(h.promptBorder.contains("≈ $0.000006 in · ≤ $0.002006 at most"), "\(h.promptBorder)")
        h.type(" world and more")
        #expect(h.promptBorder.contains("≈ $0.00001 in · ≤ $0.00201 at most"), "\(h.promptBorder)")
        h.key(.ctrl("u"))
        #expect(!h.promptBorder.contains("≈"))
    }

    @Test func aModelWithoutAPriceSaysSoAndACommandShowsNothing() {
        let h = PreviewHarness(catalog: [ModelInfo(id: "b/two")])
        h.type("hello")
        #expect(h.promptBorder.contains("no price for a/one"))
        #expect(!h.promptBorder.contains("$"))
        let priced = PreviewHarness()
        priced.type("/hel")
        #expect(!priced.promptBorder.contains("≈"), "a slash command is not sent")
    }

    @Test func theEstimateSortOrdersByWhatTheDraftCostsAndFollowsTheDraft() {
        // cheap/input: $1/M in, $90/M out. fee/flat: free tokens, a $0.0001 request fee. no/price: unknown.
        let catalog = [ModelInfo(id: "cheap/input", pricing: ModelPricing(prompt: Decimal(string: "0.000001"), completion: Decimal(string: "0.00009"))),
                       ModelInfo(id: "fee/flat", pricing: ModelPricing(prompt: 0, completion: 0, request: Decimal(string: "0.0001"))),
                       ModelInfo(id: "no/price")]
        let h = PreviewHarness(catalog: catalog)
        h.type("short")
        h.key(.ctrl("p"))
        for _ in 0..<5 { h.key(Key(.tab)) }
        #expect(h.state.picker.sort == .estimate)
        #expect(h.drawn().contains("sort: ≈ this prompt"))
        #expect(h.drawn().contains("≈ PROMPT"))
        // 6 tokens: $0.000006 on cheap/input, the $0.0001 fee on fee/flat.
        #expect(h.state.pickerModels.models(0..<3).map(\.id) == ["cheap/input", "fee/flat", "no/price"])
        #expect(h.drawn().contains("$0.000006"))
        // A long draft: 3,500 bytes are 1,004 tokens, $0.001004 on cheap/input, now dearer than the fee.
        h.key(Key(.escape))
        h.type(String(repeating: "x", count: 3495))
        h.key(.ctrl("p"))
        #expect(h.state.picker.sort == .estimate)
        #expect(h.state.pickerModels.models(0..<3).map(\.id) == ["fee/flat", "cheap/input", "no/price"])
        #expect(h.state.pickerSelectedModel?.id != nil)
    }
}
