import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Problems found before the screen opened show on its first frame, not only after quitting.
@Suite("Start-up notice")
struct StartupNoticeTests {
    let now = Date(timeIntervalSince1970: 100)

    @Test func namesHowManyConfigWarningsAndTheFirst() {
        let warnings = ["config.toml: unknown key 'modle'", "config.toml:4: temperature must be between 0 and 2"]
        let notice = Notice.startup(configWarnings: warnings, stateWarnings: [], now: now)
        #expect(notice?.text == "2 config warnings (all shown after quitting), first: config.toml: unknown key 'modle'")
        #expect(notice?.kind == .error)
        #expect(Notice.startup(configWarnings: [warnings[0]], stateWarnings: [], now: now)?.text
                == "config warning: config.toml: unknown key 'modle'")
        #expect(Notice.startup(configWarnings: [], stateWarnings: ["picker.json was damaged"], now: now)?.text
                == "picker.json was damaged")
        #expect(Notice.startup(configWarnings: [], stateWarnings: [], now: now) == nil)
    }

    @Test func theFirstFrameShowsIt() {
        let h = ReducerHarness()
        h.state.notice = Notice.startup(configWarnings: ["config.toml: unknown key 'modle'", "x"], stateWarnings: [], now: now)
        let screen = h.screen()
        #expect(screen.contains("2 config warnings (all shown after quitting), first: config.toml: unknown key 'modle'"), "\(screen)")
    }
}
