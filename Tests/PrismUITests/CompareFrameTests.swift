import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Compare mode on screen: golden frames per pane count and size, layout switching, the summary.
@Suite("Compare mode frames")
struct CompareFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40), Size(width: 200, height: 60)]

    func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
        for y in 0..<frame.size.height {
            var width = 0
            for x in 0..<frame.size.width { width += Int(frame[x, y].width) }
            #expect(width == frame.size.width, "row \(y) of \(name) is \(width) cells wide")
        }
    }

    @Test("two panes", arguments: sizes)
    func two(size: Size) { check(CompareFixtures.state(size, panes: 2), "compare2-\(size)") }

    @Test("three panes", arguments: sizes)
    func three(size: Size) { check(CompareFixtures.state(size, panes: 3, focused: 1), "compare3-\(size)") }

    @Test("four panes", arguments: sizes)
    func four(size: Size) { check(CompareFixtures.state(size, panes: 4, focused: 3), "compare4-\(size)") }

    @Test func narrowTerminalFallsBackToTabs() {
        check(CompareFixtures.state(Size(width: 60, height: 20), panes: 2, focused: 1), "compare-tabs-60x20")
    }

    @Test func onePaneFailsMidStreamWhileTheOthersGoOn() {
        check(CompareFixtures.state(Size(width: 120, height: 40), panes: 3, failing: true), "compare-failing-120x40")
    }

    @Test func layoutSwitchesWithTheTerminalSize() {
        func mode(_ w: Int, _ h: Int, _ n: Int) -> CompareLayout.Mode {
            CompareLayout(area: Rect(x: 0, y: 0, width: w, height: h - 4), count: n, focused: 0, screenHeight: h).mode
        }
        #expect(mode(80, 24, 2) == .columns)
        #expect(mode(76, 24, 2) == .tabs)
        #expect(mode(80, 24, 3) == .tabs)
        #expect(mode(120, 40, 3) == .columns)
        #expect(mode(120, 40, 4) == .grid)
        #expect(mode(120, 29, 4) == .tabs)
        #expect(mode(200, 60, 4) == .columns)
        let grid = CompareLayout(area: Rect(x: 0, y: 0, width: 120, height: 36), count: 4, focused: 0, screenHeight: 40)
        #expect(grid.panes.compactMap { $0 }.count == 4)
        #expect(grid.summary == Rect(x: 0, y: 35, width: 120, height: 1))
    }

    @Test func tabsAreHitByColumn() {
        let models = ["a/one", "b/two"]
        let first = DisplayWidth.of(CompareTabs.labels(models)[0])
        #expect(CompareTabs.tab(at: 0, models: models) == 0)
        #expect(CompareTabs.tab(at: first, models: models) == nil, "the gap")
        #expect(CompareTabs.tab(at: first + 1, models: models) == 1)
    }

    @Test func summaryNamesTheWinnersOfTheRound() {
        let state = CompareFixtures.state(Size(width: 200, height: 60), panes: 4)
        let replies = (0..<4).map { state.session.thread(ofLane: $0).last }
        let segments = CompareSummaryLine.segments(models: CompareFixtures.models, replies: replies, streaming: 0)
        #expect(segments == ["round $0.004822", "cheapest gemini-2.5-flash:free $0", "first token gpt-5-mini 390ms",
                             "fastest gemini-2.5-flash:free 1.5s", "longest gpt-5-mini 101 tok"])
        let failing = CompareFixtures.state(Size(width: 120, height: 40), panes: 3, failing: true)
        let partial = CompareSummaryLine.segments(models: Array(CompareFixtures.models.prefix(3)),
                                              replies: (0..<3).map { failing.session.thread(ofLane: $0).last }, streaming: 1)
        #expect(partial == ["1 of 3 streaming", "1 failed", "round $0.004535"])
    }
}

extension CompareFrameTests {
    @Test func pickerShowsMarkedModels() {
        var state = UIFixtures.state(Size(width: 120, height: 40), focus: .picker)
        state.picker.marked = ["openai/gpt-5-mini", "qwen/qwen3-coder"]
        check(state, "picker-marked-120x40")
    }
}
