import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of the leaderboard view over the fixture chat, at 80×24 and 120×40.
@Suite("Leaderboard frames")
struct LeaderboardFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    private func opened(_ size: Size, records: [MatchRecord]?) -> AppState {
        let h = ReducerHarness(size: size)
        h.state = UIFixtures.state(size)
        h.key(Key(.function(3)))
        if let records { h.send(.matchesLoaded(records)) }
        return h.state
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func board(size: Size) {
        check(opened(size, records: LeaderboardKeysTests.verdicts), "leaderboard-\(size)")
    }

    @Test func fewMatchesAreMarkedAndAnEmptyTagSaysHowToFillIt() {
        let size = Size(width: 120, height: 40)
        let text = frameText(opened(size, records: LeaderboardKeysTests.verdicts))
        #expect(text.contains("≈"), "models under 5 matches are marked")
        #expect(text.contains("[all]"))
        let h = ReducerHarness(size: size)
        h.state = opened(size, records: LeaderboardKeysTests.verdicts)
        for _ in 0..<2 { h.key(Key(.tab)) }
        #expect(h.state.leaderboard?.tag == .math)
        #expect(frameText(h.state).contains("No verdicts yet tagged math"))
        #expect(frameText(opened(size, records: nil)).contains("reading verdicts…"))
    }

    private func frameText(_ state: AppState) -> String {
        var s = state
        return AppRenderer().render(&s, theme: UIFixtures.theme()).text()
    }
}
