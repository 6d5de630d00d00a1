import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A reply with web sources, and the status bar with web search on and cache savings, as
/// whole frames (golden files) at 80×24 and 120×40.
@Suite("Citations and cache on screen")
struct CitationFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    static func state(_ size: Size) -> AppState {
        var state = UIFixtures.state(size)
        state.session.settings.web = WebSearchSettings(maxResults: 3)
        state.catalog[0].pricing.inputCacheRead = Decimal(string: "0.0000003")
        if let i = state.session.index(of: "a1") {
            state.session.messages[i].content = "Tokyo is sunny today [1], with rain later in the week [2]."
            state.session.messages[i].reasoning = nil
            state.session.messages[i].usage?.cachedTokens = 1100
            state.session.messages[i].citations = [
                Citation(url: "https://www.jma.go.jp/bosai/forecast/#area_type=offices&area_code=130000", title: "Tokyo forecast – JMA"),
                Citation(url: "https://example.org/week", title: "Week\u{1B}]8;;https://evil.example\u{07}ahead\u{1B}[2J"),
                Citation(url: "javascript:alert(1)", title: "Not a link"),
            ]
        }
        state.prompt.set("")
        return state
    }

    @Test("reply with sources", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func replyWithSources(size: Size) {
        var s = Self.state(size)
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: "citations-\(size)") { Issue.record(Comment(rawValue: problem)) }
        let text = frame.text()
        #expect(text.contains("[1] Tokyo forecast – JMA"))
        #expect(text.contains("[2] Week␛]8;;https://evil.example"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}") && !text.contains("javascript"))
    }

    @Test func theStatusBarSaysCacheAndSavingsWhenThereIsRoom() {
        var s = Self.state(Size(width: 200, height: 30))
        let text = AppRenderer().render(&s, theme: UIFixtures.theme()).text()
        // 1100 × (0.000003 − 0.0000003) = 0.00297
        #expect(text.contains("cache 1.1k │ saved ≈$0.00297"), "\(text)")
    }
}
