import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of routing at 80×24 and 120×40: the picker with its route row, a routed
/// reply's header line, and the why overlay.
@Suite("Route frames")
struct RouteFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    @Test(arguments: sizes)
    func pickerWithTheRouteRow(size: Size) {
        let h = RouteKeysTests.harness(size)
        h.key(.ctrl("p"))
        for _ in 0..<10 { h.key(Key(.up)) }
        check(h.state, "route-picker-\(size)")
    }

    @Test(arguments: sizes)
    func routedReplyHeader(size: Size) {
        let h = RouteKeysTests.routedReply(size)
        check(h.state, "route-reply-\(size)")
        #expect(h.screen().contains("⇢ code → "))
    }

    @Test(arguments: sizes)
    func whyOverlay(size: Size) {
        let h = RouteKeysTests.routedReply(size)
        h.key(.alt("w"))
        check(h.state, "route-why-\(size)")
    }

    @Test func theHeaderLineIsSanitisedAndWrappedWithinEightyColumns() throws {
        let h = RouteKeysTests.routedReply(Size(width: 120, height: 40))
        let index = try #require(h.state.session.messages.lastIndex { $0.routeDecision != nil })
        h.state.session.messages[index].routeDecision?.line = "code → \u{1B}[31mevil/model: " + String(repeating: "long reason ", count: 10)
        let screen = h.screen()
        #expect(!screen.contains("\u{1B}") && screen.contains("⇢ code → ␛[31mevil/model"))
        let routeLines = screen.split(separator: "\n").filter { $0.contains("long reason") }
        #expect(routeLines.count >= 2 && routeLines.allSatisfy { DisplayWidth.of(String($0).trimmingCharacters(in: .whitespaces)) <= 78 })
    }
}
