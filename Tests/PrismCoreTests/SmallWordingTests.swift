import Foundation
import Testing
@testable import PrismCore

/// How counts and ages read, and the theme kept between runs.
@Suite("Wording and remembered theme")
struct SmallWordingTests {
    @Test func agesReadAsPeopleSayThem() {
        #expect(Formatting.age(seconds: 30) == "just now")
        #expect(Formatting.age(seconds: 478.6) == "8 min ago")
        #expect(Formatting.age(seconds: 3 * 3600 + 100) == "3 h ago")
        #expect(Formatting.age(seconds: 86_400) == "24 h ago")
        #expect(Formatting.age(seconds: 2 * 86_400) == "2 days ago")
        #expect(Formatting.age(seconds: .infinity) == "just now")
    }

    @Test func oneIsSingular() {
        #expect(Formatting.count(1, "model") == "1 model")
        #expect(Formatting.count(0, "model") == "0 models")
        #expect(Formatting.count(3, "reply", plural: "replies") == "3 replies")
    }

    @Test func theSwitchersThemeIsRememberedBelowConfigAndFlag() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect(try xdg.resolve().theme == "default")
        PreferencesStore(folder: xdg.paths.state).saveTheme("solarized")
        #expect(PreferencesStore(folder: xdg.paths.state).loadTheme() == "solarized")
        #expect(try xdg.resolve().theme == "solarized", "the last choice, when nothing else says")
        #expect(try xdg.resolve(flags: ConfigOverrides(theme: "flag-theme")).theme == "flag-theme")
        try xdg.writeConfig("theme = \"file-theme\"\n")
        #expect(try xdg.resolve().theme == "file-theme", "config.toml still wins")
    }
}
