import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The analytics view driven key by key: opening it (F2, Alt-S, `/stats RANGE`), cycling the
/// range (a load of the next one), switching and scrolling the table, closing it.
@Suite("Analytics view keys")
struct StatsKeysTests {
    /// A 80×24 chat screen with the view open on a loaded month.
    private func loaded(_ table: StatsViewState.Table = .models) -> ReducerHarness {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        h.command("/stats 30d")
        h.send(.statsLoaded(StatsFixtures.month()))
        return h
    }

    @Test func f2OpensTheViewOnTheWeekAndAsksForItsReportWhichFillsIt() {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        let effects = h.key(Key(.function(2)))
        #expect(h.state.focus == .stats)
        #expect(effects == [.loadStats(.week)])
        #expect(h.screen().contains("loading…"))
        var report = StatsFixtures.month()
        report.range = .week
        h.send(.statsLoaded(report))
        let screen = h.screen()
        #expect(screen.contains("282 requests"))
        #expect(screen.contains("[per model]"))
        #expect(!screen.contains("loading…"))
    }

    @Test func altSOpensItTooAndTheOpenKeyClosesIt() {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        #expect(h.key(.alt("s")) == [.loadStats(.week)])
        h.key(Key(.function(2)))
        #expect(h.state.focus == .prompt)
        #expect(h.state.stats == nil)
    }

    @Test(arguments: [("/stats 7d", StatsRange.week), ("/stats today", .today), ("/stats 30d", .month), ("/stats ALL", .all)])
    func theSlashCommandOpensTheRangeItNames(line: String, range: StatsRange) {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        #expect(h.command(line) == [.loadStats(range)])
        #expect(h.state.stats?.range == range)
        #expect(h.state.focus == .stats)
        #expect(h.state.prompt.isEmpty)
    }

    @Test func aRangeItDoesNotKnowIsRefusedInOneLine() {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        #expect(h.command("/stats week").isEmpty)
        #expect(h.state.focus == .prompt)
        #expect(h.state.notice?.text == "usage: /stats [today|7d|30d|all]")
        #expect(h.state.notice?.kind == .error)
    }

    @Test func tabAndRCycleTheRangeEachAskingForTheNextReport() {
        let h = loaded()
        #expect(h.key(Key(.tab)) == [.loadStats(.all)])
        #expect(h.state.stats?.load == .loading)
        #expect(h.screen().contains("[all]"))
        #expect(h.key(.char("r")) == [.loadStats(.today)])
        #expect(h.key(Key(.tab)) == [.loadStats(.week)])
        // A late answer for a range already left changes nothing; the one on screen fills it.
        h.send(.statsLoaded(StatsFixtures.month()))
        #expect(h.state.stats?.load == .loading)
        h.send(.statsFailed(range: .today, reason: "late"))
        #expect(h.state.stats?.load == .loading)
        h.send(.statsLoaded(StatsFixtures.empty(.week)))
        #expect(h.screen().contains("no replies recorded yet (last 7 days)"))
        // The next opening starts where the view was left.
        h.key(Key(.escape))
        #expect(h.key(Key(.function(2))) == [.loadStats(.week)])
    }

    @Test func mPAndTSwitchTheTable() {
        let h = loaded()
        h.key(.char("p"))
        #expect(h.state.stats?.table == .providers)
        var screen = h.screen()
        #expect(screen.contains("[per provider]"))
        #expect(screen.contains("Google Vertex"))
        #expect(screen.contains("Odd␛[31mCloud"))
        h.key(.char("t"))
        screen = h.screen()
        #expect(screen.contains("[per tag]") && screen.contains("writing"))
        h.key(.char("m"))
        #expect(h.screen().contains("google/gemini-2.5-flash"))
    }

    @Test func arrowsJAndPagesScrollTheTableWithinItsRows() {
        let h = loaded()
        let shown = StatsLayout.tableRows(screen: h.state.size)
        #expect(shown == 9, "80×24 leaves nine table rows")
        #expect(h.screen().contains("↓ 2 more"))
        #expect(!h.screen().contains("z-ai/glm-4.6"))
        h.key(Key(.down))
        h.key(.char("j"))
        #expect(h.state.stats?.scroll == 2)
        #expect(h.screen().contains("z-ai/glm-4.6"))
        #expect(!h.screen().contains("anthropic/claude-sonnet-4.5"))
        #expect(h.screen().contains("3–11 of 11 models"))
        h.key(Key(.down))
        #expect(h.state.stats?.scroll == 2, "no further than the last row at the bottom")
        h.key(Key(.pageUp))
        #expect(h.state.stats?.scroll == 0)
        h.key(Key(.pageDown))
        #expect(h.state.stats?.scroll == 2)
        h.key(.char("k"))
        #expect(h.state.stats?.scroll == 1)
        h.send(.input(.mouse(MouseEvent(kind: .wheelUp, position: Point(x: 5, y: 15)))))
        #expect(h.state.stats?.scroll == 0)
    }

    @Test func escAndQCloseBackToWhereItWasOpened() {
        let h = loaded()
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt && h.state.stats == nil)
        h.key(Key(.tab))  // into the transcript
        #expect(h.state.focus == .transcript)
        h.key(Key(.function(2)))
        h.key(.char("q"))
        #expect(h.state.focus == .transcript)
        h.type("x")
        #expect(h.state.prompt.text == "x", "letters inside the view never reached the prompt")
    }

    @Test func aFailureIsOneLineInTheErrorColour() {
        let h = loaded()
        h.key(Key(.tab))
        h.send(.statsFailed(range: .all, reason: "could not read the reply history: database is locked\nsecond line"))
        let screen = h.screen()
        #expect(screen.contains("could not read the reply history: database is locked second line"))
    }

    @Test func reboundKeysWorkAndTheHintsNameThem() {
        let h = ReducerHarness(size: Size(width: 80, height: 24))
        let warnings = h.env.bindings.apply(["stats.range": "x", "stats.close": "ctrl+w", "open_stats": "f5"], parse: { try? KeySpec.parse($0) })
        #expect(warnings.isEmpty)
        #expect(h.key(Key(.function(2))).isEmpty, "F2 no longer opens it")
        #expect(h.key(Key(.function(5))) == [.loadStats(.week)])
        #expect(h.key(Key(.tab)).isEmpty)
        #expect(h.key(.char("x")) == [.loadStats(.month)])
        var s = h.state
        let screen = AppRenderer(bindings: h.env.bindings).render(&s, theme: UIFixtures.theme()).text()
        #expect(screen.contains("Ctrl-W close · x range"))
        #expect(h.env.bindings.apply(["stats.zoom": "z"], parse: { try? KeySpec.parse($0) }).first?.contains("unknown command 'zoom'") == true)
    }
}
