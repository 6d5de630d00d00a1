import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The small things of issue 10 on screen: counts, ages, the theme switcher, the browser, compare headers.
@Suite("Small things on screen")
struct SmallThingsFrameTests {
    @Test func thePickerSaysOneModelAndMinutesAgo() {
        let h = ReducerHarness(size: Size(width: 200, height: 30))
        h.state.catalog = [ModelInfo(id: "a/one")]
        h.state.catalogFetchedAt = h.state.now.addingTimeInterval(-478.6)
        h.key(.ctrl("p"))
        let screen = h.screen()
        #expect(screen.contains("1 model · updated 8 min ago"), "\(screen)")
    }

    @Test func leavingTheThemeSwitcherRemembersTheTheme() {
        let h = ReducerHarness()
        h.state.focus = .themes
        h.state.availableThemes = ["dark", "light"]
        #expect(h.key(Key(.down)) == [.applyTheme("light")])
        h.send(.themeApplied("light"))
        #expect(h.key(Key(.enter)) == [.saveTheme("light")])
        #expect(h.state.focus == .prompt)
    }

    @Test func theSwitcherKeepsTheThemeInUseInViewAndMarked() {
        let h = ReducerHarness(size: Size(width: 80, height: 12))
        h.state.focus = .themes
        h.state.availableThemes = (1...30).map { "theme-\($0)" }
        h.state.theme = "theme-25"
        let screen = h.screen()
        #expect(screen.contains("● theme-25"), "\(screen)")
    }

    @Test func deletingInTheBrowserNamesTheTitleAndTitlesStayApartFromDates() {
        let h = ReducerHarness(size: Size(width: 100, height: 30))
        let long = String(repeating: "Very long title words ", count: 6)
        h.send(.sessionsListed(SessionListing(sessions: [
            SessionSummary(Session(id: "20261120-100000-aaaa", title: long, createdAt: Date(timeIntervalSince1970: 0))),
            SessionSummary(Session(id: "20261121-100000-bbbb", title: "Oslo trip", createdAt: Date(timeIntervalSince1970: 0))),
        ], problems: [])))
        h.key(.ctrl("o"))
        let row = h.screen().split(separator: "\n").first { $0.contains("Very long") }.map(String.init) ?? ""
        #expect(row.contains("…  1970-01-01"), "two spaces between a cut title and the date: \(row)")
        h.key(Key(.down))
        h.key(.ctrl("d"))
        #expect(h.screen().contains("Delete “Oslo trip” (20261121-100000-bbbb)? y/n"))
    }

    @Test func compareHeadersCutAtAWord() {
        var state = CompareFixtures.state(Size(width: 120, height: 30), panes: 3)
        let screen = AppRenderer().render(&state, theme: UIFixtures.theme()).text()
        let figures = screen.split(separator: "\n")[1]
        #expect(figures.contains("Anthropic · ttft 820ms · 95 tok/s…"), "\(figures)")
        #expect(figures.contains("OpenAI · ttft 390ms · 140 tok/s…"), "not '↑1.…': \(figures)")
    }
}
