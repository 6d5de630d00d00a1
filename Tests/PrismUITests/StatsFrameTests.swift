import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of the analytics view, and what they must hold whatever the size or colours:
/// bars in proportion, names cleaned, readable without colour, never drawn into too little room.
@Suite("Analytics view frames")
struct StatsFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)

    private func check(_ state: AppState, _ name: String) {
        var s = state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    private func frame(_ state: AppState, _ support: ColorSupport = .truecolor) -> Frame {
        var s = state
        return AppRenderer().render(&s, theme: UIFixtures.theme(support))
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func aMonthOfReplies(size: Size) {
        check(StatsFixtures.state(size, StatsFixtures.month()), "stats-month-\(size)")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func anEmptyHistory(size: Size) {
        check(StatsFixtures.state(size, StatsFixtures.empty()), "stats-empty-\(size)")
    }

    @Test func moreDaysThanColumnsShowTheNewestAndSaySo() {
        var report = StatsFixtures.month()
        report.range = .all
        report.days = (0..<3).flatMap { _ in StatsFixtures.days() }
        let screen = frame(StatsFixtures.state(Size(width: 80, height: 24), report)).text()
        #expect(screen.contains("newest "), "\(screen)")
        #expect(screen.contains(" of 90 days"))
    }

    /// The columns of the spend bars, read back from the frame: per day, how many eighths are filled.
    private func barHeights(_ frame: Frame, layout: StatsLayout, column: Int) -> Int {
        var eighths = 0
        for y in layout.bars.y..<layout.bars.maxY {
            let glyph = frame[column, y].grapheme
            if let level = StatsPane.eighths.firstIndex(where: { String($0) == glyph }) { eighths += level + 1 }
        }
        return eighths
    }

    @Test func barsAreInProportionAndTheTallestDayFillsTheChart() throws {
        var report = StatsFixtures.month()
        report.days = [1, 2, 4, 0, 3].enumerated().map { i, cost in
            StatsDay(day: StatsFixtures.day(11, 28 + i), requests: cost * 2, errors: i == 4 ? 1 : 0, cost: Decimal(cost))
        }
        let size = Size(width: 120, height: 40)
        let drawn = frame(StatsFixtures.state(size, report))
        let layout = try #require(StatsLayout(inner: StatsLayout.box(screen: size).inset(top: 1, left: 1, bottom: 1, right: 1)))
        let full = layout.bars.height * 8
        // The tallest day ($4, the third) is the first column with a full block on the top row.
        let row = layout.bars.y
        let tallest = try #require((0..<size.width).first { drawn[$0, row].grapheme == "█" })
        #expect(barHeights(drawn, layout: layout, column: tallest) == full)
        // Day columns step evenly: the $4 day is the third, so a day is (tallest - first) / 2 wide.
        let first = try #require((0..<tallest).first { barHeights(drawn, layout: layout, column: $0) > 0 })
        let step = (tallest - first) / 2
        #expect(barHeights(drawn, layout: layout, column: first) == full / 4)
        #expect(barHeights(drawn, layout: layout, column: first + step) == full / 2)
        #expect(barHeights(drawn, layout: layout, column: first + 3 * step) == 0)
        #expect(barHeights(drawn, layout: layout, column: first + 4 * step) == full * 3 / 4)
        #expect(drawn.text().contains("$4"), "the y axis names the tallest day's spend")
        // Requests on their row in eighths, errors on theirs in shades: apart without colour.
        #expect(drawn[tallest, layout.requests].grapheme == "█")
        #expect(drawn[first + 4 * step, layout.errors].grapheme == "█")
        #expect(drawn[first, layout.errors].grapheme == " ")
    }

    @Test func aHostileModelNameIsCleanedBeforeTheScreen() {
        let drawn = frame(StatsFixtures.state(Size(width: 120, height: 40), StatsFixtures.month()))
        let screen = drawn.text()
        #expect(!screen.contains("\u{1B}") && !screen.contains("\u{07}"))
        #expect(screen.contains("evil␛]0;pwned/model␛[2J name"))
    }

    @Test func noColorKeepsBarsRangeAndTableReadable() {
        let drawn = frame(StatsFixtures.state(Size(width: 80, height: 24), StatsFixtures.month()), .none)
        let styles = Set(drawn.cells.map(\.style))
        #expect(styles.allSatisfy { $0.foreground == .default && $0.background == .default })
        let screen = drawn.text()
        #expect(screen.contains("[30d]") && screen.contains("[per model]"), "brackets, not colour, mark what is shown")
        #expect(screen.contains("█") && screen.contains("▓"), "spend bars in blocks, errors in shades")
    }

    @Test func eightColoursGiveErrorsTheirOwnColour() {
        let drawn = frame(StatsFixtures.state(Size(width: 80, height: 24), StatsFixtures.month()), .ansi8)
        let theme = UIFixtures.theme(.ansi8)
        let shade = drawn.cells.first { StatsPane.shades.map(String.init).contains($0.grapheme) && $0.grapheme != "█" }
        #expect(shade?.style.foreground == theme.style(.error, on: .surface).foreground)
        #expect(theme.style(.error, on: .surface).foreground != theme.style(.accent, on: .surface).foreground)
    }

    @Test(arguments: [Size(width: 49, height: 24), Size(width: 80, height: 15), Size(width: 30, height: 8), Size(width: 12, height: 4)])
    func tinyTerminalsSaySoInsteadOfDrawing(size: Size) {
        let screen = frame(StatsFixtures.state(size, StatsFixtures.month())).text()
        #expect(screen.contains("too small") || screen.contains("Prism needs"), "\(screen)")
    }

    @Test(arguments: [Size(width: 50, height: 16), Size(width: 64, height: 20), Size(width: 200, height: 60)])
    func everySizeFromTheMinimumDrawsChartAndTable(size: Size) {
        let screen = frame(StatsFixtures.state(size, StatsFixtures.month())).text()
        #expect(screen.contains("spend per day") && screen.contains("anthropic/claude"), "\(screen)")
        #expect(screen.contains("Esc close"), "the way out is always named: \(screen)")
    }

    @Test func columnsDropByPriorityAndTheNameKeepsItsRoom() {
        let at80 = StatsPane.fitting(width: 76).map(\.title)
        #expect(at80 == ["req", "share", "total", "avg", "ttft p50", "tok/s", "err"])
        #expect(StatsPane.fitting(width: 48).map(\.title) == ["req", "share", "total"])
        #expect(StatsPane.shortName("anthropic/claude-sonnet-4.5", width: 21) == "…/claude-sonnet-4.5")
        #expect(StatsPane.shortName("meta-llama/llama-3.3-70b-instruct", width: 21) == "…/llama-3.3-70b-inst…")
        #expect(StatsPane.shortName("Google Vertex AI (europe-west)", width: 21) == "Google Vertex AI (eu…")
        #expect(StatsPane.fitting(width: 118).count == StatsPane.columns.count)
    }
}
