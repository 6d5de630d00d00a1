import PrismTerminal
import Testing
@testable import PrismUI

/// Every colour a theme uses, foreground and background.
func colours(of theme: Theme) -> [Color] {
    theme.styles.values.flatMap { [$0.foreground, $0.background] }
}

@Suite("Theme adaptation")
struct ThemeAdaptationTests {
    static let catalog = ThemeCatalog(userDirectory: nil)

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes)
    func noColorDropsColoursButKeepsSelectionVisible(name: String) throws {
        let theme = try Self.catalog.load(name: name).adapted(to: .none)
        #expect(colours(of: theme).allSatisfy { $0 == .default })
        #expect(theme.styles.count == ThemeToken.allCases.count)
        for token in [ThemeToken.selection, .statusBar, .statusBarText, .badge] {
            #expect(theme[token].attributes.contains(.reverse), "\(token.rawValue)")
            #expect(theme[token] != theme[.text])
        }
        #expect(theme[.borderFocused] != theme[.border])
        #expect(theme[.error].attributes.contains(.bold))
    }

    @Test func noColorKeepsTheFilesAttributes() throws {
        let theme = try Self.catalog.load(name: "dark").adapted(to: .none)
        #expect(theme[.reasoning] == Style(attributes: .italic))
        #expect(theme[.link] == Style(attributes: .underline))
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes)
    func eightColoursUseOnlyANSI0To7(name: String) throws {
        let theme = try Self.catalog.load(name: name).adapted(to: .ansi8)
        for color in colours(of: theme) {
            switch color {
            case .default: break
            case .ansi(let n): #expect(n < 8, "\(name): ansi \(n)")
            default: Issue.record("\(name): \(color) on an 8-colour terminal")
            }
        }
        #expect(theme.ansiStyles.isEmpty)
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes)
    func sixteenAnd256ColoursStayInRange(name: String) throws {
        let base = try Self.catalog.load(name: name)
        for color in colours(of: base.adapted(to: .ansi16)) {
            if case .ansi(let n) = color { #expect(n < 16) } else { #expect(color == .default) }
        }
        for color in colours(of: base.adapted(to: .indexed256)) {
            if case .rgb = color { Issue.record("\(name): rgb left on a 256-colour terminal") }
        }
        #expect(base.adapted(to: .truecolor) == base)
    }

    @Test func rgbMapsToTheNearestIndexedColour() {
        #expect(ThemeColorApproximation.indexed256(.init(r: 255, g: 0, b: 0)) == 196)
        #expect(ThemeColorApproximation.indexed256(.init(r: 0x28, g: 0x28, b: 0x28)) == 235)
        #expect(ThemeColorApproximation.indexed256(.init(r: 0x61, g: 0xAF, b: 0xEF)) == 75)
    }

    @Test func pastelsKeepTheirHueOnSixteenColours() {
        func ansi(_ hex: UInt32) -> UInt8 {
            ThemeColorApproximation.ansi16(.init(r: Int(hex >> 16), g: Int(hex >> 8 & 0xFF), b: Int(hex & 0xFF)))
        }
        #expect(ansi(0x98C379) == 10)  // soft green stays green
        #expect(ansi(0x61AFEF) == 12)
        #expect(ansi(0xE06C75) == 9)
        #expect(ansi(0x282C34) == 0)   // dark grey is black
        #expect(ansi(0xABB2BF) == 7)   // light grey is white
        #expect(ansi(0x002B36) == 0)   // very dark teal is black, not cyan
    }

    @Test func approximatedGreysThatVanishBecomeDimText() throws {
        let theme = Theme(name: "t", styles: [
            .background: Style(foreground: .rgb(200, 200, 200), background: .rgb(0x20, 0x20, 0x20)),
            .textMuted: Style(foreground: .rgb(0x60, 0x60, 0x60)),
        ]).adapted(to: .ansi8)
        #expect(theme[.background] == Style(foreground: .ansi(7), background: .ansi(0)))
        #expect(theme[.textMuted] == Style(foreground: .ansi(7), attributes: .dim))
    }

    @Test func selectionWhoseBackgroundCollapsesIsSwapped() throws {
        let theme = Theme(name: "t", styles: [
            .background: Style(foreground: .rgb(200, 200, 200), background: .rgb(0x28, 0x2C, 0x34)),
            .selection: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), background: .rgb(0x3E, 0x44, 0x51)),
        ])
        // 16 colours still have a dark grey for it; 8 colours don't.
        #expect(theme.adapted(to: .ansi16)[.selection] == Style(foreground: .ansi(15), background: .ansi(8)))
        #expect(theme.adapted(to: .ansi8)[.selection] == Style(foreground: .ansi(0), background: .ansi(7)))
    }

    @Test func explicitFallbacksWinOnFewColours() throws {
        let dark = try Self.catalog.load(name: "dark")
        #expect(dark.adapted(to: .ansi16)[.statusBarText] == Style(foreground: .ansi(0), background: .ansi(7), attributes: .bold))
        #expect(dark.adapted(to: .ansi8)[.strong] == Style(foreground: .ansi(7), attributes: .bold))
        // 256 colours keep the full design, approximated.
        #expect(dark.adapted(to: .indexed256)[.statusBarText].background != .ansi(7))
    }
}
