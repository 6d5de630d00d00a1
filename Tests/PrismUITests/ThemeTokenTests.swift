import Testing
@testable import PrismUI

@Suite("Theme tokens")
struct ThemeTokenTests {
    @Test func missingTokensFallBackToPlain() {
        let theme = Theme(name: "t", styles: [:])
        #expect(theme[.accent] == .plain)
        #expect(ThemeToken(rawValue: "code_keyword") == .codeKeyword)
    }
}
