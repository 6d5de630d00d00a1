import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of the provider table: columns dropped at 80×24, all of them at 120×40.
@Suite("Provider table frames")
struct ProviderTableFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    /// The fixture chat with the table open: Together pinned first, Fireworks excluded, fallbacks off, unsaved.
    private func edited(_ size: Size) -> AppState {
        let h = ProviderHarness(size: size)
        h.state = UIFixtures.state(size)
        h.state.session.model = ProviderFixtures.model
        h.open(saved: ProviderPreferences(order: ["together"]))
        h.key(Key(.down))
        h.key(Key(.down))
        h.key(.char("x"))
        h.key(.char("f"))
        return h.state
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func table(size: Size) {
        check(edited(size), "providers-\(size)")
    }

    @Test func maxPriceField() {
        let h = ProviderHarness(size: Size(width: 80, height: 24))
        h.state = UIFixtures.state(Size(width: 80, height: 24))
        h.state.session.model = ProviderFixtures.model
        h.open()
        h.key(.char("m"))
        h.type("0.5 2")
        check(h.state, "providers-price-field-80x24")
    }

    @Test(arguments: [Size(width: 40, height: 10), Size(width: 30, height: 8), Size(width: 12, height: 4)])
    func tinyTerminalsSaySoInsteadOfDrawing(size: Size) {
        let h = ProviderHarness(size: size)
        h.open()
        let screen = h.screen()
        #expect(screen.contains("too small") || screen.contains("Prism needs"), "\(screen)")
    }

    @Test(arguments: [Size(width: 44, height: 12), Size(width: 50, height: 16), Size(width: 60, height: 18), Size(width: 200, height: 60)])
    func everySizeShowsRowsOrSaysItIsTooSmall(size: Size) {
        let h = ProviderHarness(size: size)
        h.open()
        h.key(.char("f"))
        h.key(.char("o"))
        let screen = h.screen()
        #expect(screen.contains("DeepInfra") || screen.contains("too small"), "\(screen)")
        #expect(screen.contains("Esc"), "the way out is always named: \(screen)")
    }

    @Test func columnsDropByPriorityAndTheNameKeepsItsRoom() {
        let narrow = ProviderTablePane.fitting(width: 78).map(\.title)
        #expect(!narrow.contains("max out") && !narrow.contains("context"))
        #expect(narrow.contains("$/M in") && narrow.contains("tok/s") && narrow.contains("status"))
        #expect(ProviderTablePane.fitting(width: 118).count == ProviderTablePane.columns.count)
        #expect(ProviderTablePane.fitting(width: 40).map(\.title) == ["$/M in", "$/M out"])
    }
}
