import PrismTerminal
import Testing
@testable import PrismUI

/// Checks the design of every shipped theme: complete, readable and distinguishable at every colour depth.
///
/// Contrast is the WCAG ratio computed with xterm's default palette for ANSI colours, a
/// stand-in for "most terminals"; thresholds are lower where approximation is involved.
@Suite("Shipped themes")
struct ThemeShippedTests {
    static let catalog = ThemeCatalog(userDirectory: nil)
    static let names = ThemeCatalog(userDirectory: nil).shippedThemes
    /// Tokens meant to recede; they only need to be legible.
    static let quiet: Set<ThemeToken> = [.textMuted, .reasoning, .codeComment, .quote, .tokens]
    static let codeTokens: Set<ThemeToken> = [.codeKeyword, .codeString, .codeComment, .codeNumber, .codeType]

    @Test func atLeastSixIncludingTheRequiredOnes() {
        #expect(Self.names.count >= 6)
        #expect(Set(["dark", "light", "high-contrast"]).isSubset(of: Self.names))
        #expect(Self.names.contains(ThemeCatalog.defaultThemeName))
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes)
    func definesEveryTokenItself(name: String) throws {
        let file = try ThemeFile(parsing: ShippedThemes.files[name]!, name: name, fileName: "themes/\(name).toml")
        #expect(file.extends == nil)
        #expect(Set(file.tokens.keys) == Set(ThemeToken.allCases))
        #expect(file.displayName != nil && file.description != nil)
        let theme = try Self.catalog.load(name: name)
        #expect(theme.styles.count == ThemeToken.allCases.count)
        #expect(!theme.description.isEmpty)
    }

    /// Foreground and background as shown: defaults filled from the surface, reverse applied.
    static func shown(_ theme: Theme, _ token: ThemeToken) -> (fg: Color, bg: Color) {
        let style = theme.style(token, on: codeTokens.contains(token) ? .codeBackground : .background)
        return style.attributes.contains(.reverse) ? (style.background, style.foreground) : (style.foreground, style.background)
    }

    static func contrast(_ theme: Theme, _ token: ThemeToken) -> Double? {
        let (fg, bg) = shown(theme, token)
        guard let f = ThemeColorApproximation.rgb(fg), let b = ThemeColorApproximation.rgb(bg) else { return nil }
        return ThemeColorApproximation.contrast(f, b)
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes, [ColorSupport.truecolor, .indexed256, .ansi16, .ansi8])
    func textIsReadable(name: String, support: ColorSupport) throws {
        let theme = try Self.catalog.load(name: name).adapted(to: support)
        let full = support >= .indexed256
        for token in ThemeToken.allCases where token != .border {
            guard let ratio = Self.contrast(theme, token) else { continue }
            let needed = token == .text ? (full ? 4.5 : 3.0) : Self.quiet.contains(token) ? (full ? 2.5 : 2.0) : (full ? 3.0 : 2.0)
            #expect(ratio >= needed, "\(name) \(support) \(token.rawValue): contrast \(ratio) < \(needed)")
        }
    }

    @Test(arguments: ThemeCatalog(userDirectory: nil).shippedThemes, [ColorSupport.truecolor, .indexed256, .ansi16, .ansi8])
    func rolesAreDistinguishable(name: String, support: ColorSupport) throws {
        let theme = try Self.catalog.load(name: name).adapted(to: support)
        let roles: [ThemeToken] = [.user, .assistant, .reasoning, .code, .error, .cost]
        for (i, a) in roles.enumerated() {
            for b in roles[(i + 1)...] {
                #expect(theme.style(a) != theme.style(b), "\(name) \(support): \(a.rawValue) looks like \(b.rawValue)")
            }
            #expect(theme.style(a) != theme.style(.text), "\(name) \(support): \(a.rawValue) looks like text")
        }
        #expect(theme.style(.selection) != theme.style(.text))
        #expect(theme.style(.statusBarText).background != theme.style(.text).background, "\(name) \(support): status bar blends in")
    }
}
