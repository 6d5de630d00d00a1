import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A catalog over a fresh temporary user theme folder holding `files` (name → TOML).
func catalogWithUserThemes(_ files: [String: String]) throws -> ThemeCatalog {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("prism-themes-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(to: folder.appendingPathComponent("\(name).toml"), atomically: true, encoding: .utf8)
    }
    return ThemeCatalog(userDirectory: folder)
}

/// The error `body` throws, as its one-line description.
func themeError(_ body: () throws(ThemeError) -> Theme) -> String? {
    do {
        _ = try body()
        return nil
    } catch {
        return error.description
    }
}

@Suite("Theme catalog")
struct ThemeCatalogTests {
    @Test func listsShippedAndUserThemesOnce() throws {
        let catalog = try catalogWithUserThemes(["mine": "extends = \"dark\"\n", "dark": "[tokens]\naccent = \"red\"\n"])
        let names = catalog.availableThemes()
        #expect(names == names.sorted())
        #expect(Set(names) == Set(catalog.shippedThemes + ["mine"]))
        #expect(names.filter { $0 == "dark" }.count == 1)
        #expect(catalog.userThemes() == ["dark", "mine"])
    }

    @Test func pathsPointAtTheConfigThemesFolder() {
        let paths = PrismPaths(environment: ["HOME": "/home/u", "XDG_CONFIG_HOME": "/cfg"])
        #expect(ThemeCatalog(paths: paths).userDirectory?.path == "/cfg/prism/themes")
    }

    @Test func defaultMeansDark() throws {
        let catalog = ThemeCatalog(userDirectory: nil)
        #expect(try catalog.load(name: "default") == catalog.load(name: "dark"))
        #expect(ThemeCatalog.defaultThemeName == "dark")
    }

    @Test func userFileNamedLikeAShippedThemeOverridesOnlyItsTokens() throws {
        let shipped = try ThemeCatalog(userDirectory: nil).load(name: "dark")
        let catalog = try catalogWithUserThemes(["dark": """
            # two tokens of my own
            [tokens]
            accent = "#ff0000"
            user = { fg = "bright_green", bold = true }
            """])
        let theme = try catalog.load(name: "dark")
        #expect(theme[.accent] == Style(foreground: .rgb(255, 0, 0)))
        #expect(theme[.user] == Style(foreground: .ansi(10), attributes: .bold))
        for token in ThemeToken.allCases where token != .accent && token != .user {
            #expect(theme[token] == shipped[token], "\(token.rawValue) changed")
        }
        #expect(theme.displayName == "Dark")
        // The fallback written for the old accent no longer applies; the others still do.
        #expect(theme.ansiStyles[.accent] == nil)
        #expect(theme.ansiStyles[.statusBar] == shipped.ansiStyles[.statusBar])
    }

    @Test func extendsChainInheritsAndRecoloursThroughThePalette() throws {
        let catalog = try catalogWithUserThemes([
            "base": """
                extends = "dark"
                [palette]
                blue = "#0000ff"
                [tokens]
                error = "magenta"
                """,
            "top": """
                name = "Top"
                extends = "base"
                [tokens]
                cost = 208
                """,
        ])
        let theme = try catalog.load(name: "top")
        #expect(theme.name == "top")
        #expect(theme.displayName == "Top")
        #expect(theme[.cost] == Style(foreground: .indexed(208)))
        #expect(theme[.error] == Style(foreground: .ansi(5)))
        // dark's accent says "blue"; base's palette changed what blue is.
        #expect(theme[.accent] == Style(foreground: .rgb(0, 0, 255)))
        #expect(theme[.user] == (try ThemeCatalog(userDirectory: nil).load(name: "dark"))[.user])
    }

    @Test func paletteNamesWinOverANSINames() throws {
        let catalog = try catalogWithUserThemes(["p": "extends = \"dark\"\n[tokens]\nerror = \"red\"\nwarning = 1\n"])
        let theme = try catalog.load(name: "p")
        #expect(theme[.error].foreground == .rgb(0xE0, 0x6C, 0x75))
        #expect(theme[.warning].foreground == .indexed(1))
    }

    @Test func colourSyntax() throws {
        let catalog = try catalogWithUserThemes(["c": """
            extends = "dark"
            [palette]
            mine = "#AbC"
            [tokens]
            text = "mine"
            accent = "bright_cyan"
            border = "default"
            badge = { fg = 16, bg = "#102030", reverse = true, underline = true, dim = true, italic = true }
            """])
        let theme = try catalog.load(name: "c")
        #expect(theme[.text].foreground == .rgb(0xAA, 0xBB, 0xCC))
        #expect(theme[.accent].foreground == .ansi(14))
        #expect(theme[.border].foreground == .default)
        #expect(theme[.badge] == Style(foreground: .indexed(16), background: .rgb(0x10, 0x20, 0x30),
                                       attributes: [.reverse, .underline, .dim, .italic]))
    }

    @Test func notFoundListsTheAvailableThemes() {
        let catalog = ThemeCatalog(userDirectory: nil)
        let message = themeError { () throws(ThemeError) in try catalog.load(name: "nope") }
        #expect(message == "theme 'nope' not found; available: \(catalog.availableThemes().joined(separator: ", "))")
        #expect(message?.contains("dark, gruvbox, high-contrast, light") == true)
        #expect(themeError { () throws(ThemeError) in try catalog.load(name: "../etc/passwd") }?.hasPrefix("invalid theme name") == true)
    }

    @Test(arguments: [
        ("extends = \"dark\"\n[tokens]\n\nacent = \"red\"\n", "line 4: unknown token 'acent' (did you mean 'accent'?)"),
        ("extends = \"dark\"\n[tokens]\naccent = \"#12345\"\n", "line 3: token 'accent': unknown colour '#12345'"),
        ("extends = \"dark\"\n[tokens]\naccent = { fg = \"nope\" }\n", "line 3: token 'accent': unknown colour 'nope'"),
        ("extends = \"dark\"\n[tokens]\naccent = 300\n", "line 3: token 'accent': colour index must be 0-255"),
        ("extends = \"dark\"\n[tokens]\naccent = { bolt = true }\n", "line 3: token 'accent': unknown field 'bolt' (did you mean 'bold'?)"),
        ("extends = \"dark\"\n[tokens]\naccent = { bold = 1 }\n", "line 3: token 'accent': 'bold' must be true or false, not an integer"),
        ("extends = \"dark\"\n[tokens]\naccent = true\n", "line 3: token 'accent' must be a colour or an inline table, not a boolean"),
        ("extends = \"dark\"\n[palette]\nx = \"blu\"\n", "line 3: palette colour 'x': expected #rrggbb, #rgb, 0-255, an ANSI name such as 'blue' or 'bright_red', or 'default'"),
        ("extends = \"dark\"\ncolours = 1\n", "line 2: unknown key 'colours'"),
        ("extends = 3\n", "line 1: 'extends' must be a string, not an integer"),
        ("extends = \"nowhere\"\n", "line 1: 'extends': theme 'nowhere' not found; available: "),
        ("[tokens\n", "line 1: expected ']' at end of table header"),
        ("[tokens]\naccent = \"red\"\n", ": missing tokens: background, surface, border,"),
    ])
    func errorsNameTheFileAndLine(text: String, expected: String) throws {
        let catalog = try catalogWithUserThemes(["broken": text])
        let message = try #require(themeError { () throws(ThemeError) in try catalog.load(name: "broken") })
        let file = catalog.userDirectory!.appendingPathComponent("broken.toml").path
        #expect(message.hasPrefix(file), "\(message)")
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func shippedFileErrorsSayThemesFolder() {
        let catalog = ThemeCatalog(userDirectory: nil, shipped: ["foo": "name = \"Foo\"\n[tokens]\nacent = \"red\"\n"])
        let message = themeError { () throws(ThemeError) in try catalog.load(name: "foo") }
        #expect(message == "themes/foo.toml line 3: unknown token 'acent' (did you mean 'accent'?)")
    }

    @Test func cyclesAreDetected() throws {
        let catalog = try catalogWithUserThemes([
            "a": "extends = \"b\"\n", "b": "extends = \"c\"\n", "c": "extends = \"a\"\n", "self": "extends = \"self\"\n",
        ])
        #expect(themeError { () throws(ThemeError) in try catalog.load(name: "a") } == "theme 'a' extends itself: a → b → c → a")
        #expect(themeError { () throws(ThemeError) in try catalog.load(name: "self") } == "theme 'self' extends itself: self → self")
    }

    @Test func userOverrideMayExtendItsShippedNamesakeExplicitly() throws {
        let catalog = try catalogWithUserThemes(["light": "extends = \"light\"\n[tokens]\nerror = \"magenta\"\n"])
        let theme = try catalog.load(name: "light")
        #expect(theme[.error] == Style(foreground: .ansi(5)))
        #expect(theme[.text] == (try ThemeCatalog(userDirectory: nil).load(name: "light"))[.text])
    }

    @Test func unreadableUserFileIsReported() throws {
        let catalog = try catalogWithUserThemes([:])
        let url = catalog.userDirectory!.appendingPathComponent("bin.toml")
        try Data([0xFF, 0xFE, 0x00, 0xC3]).write(to: url)
        #expect(themeError { () throws(ThemeError) in try catalog.load(name: "bin") }?.hasPrefix("cannot read ") == true)
    }
}
