import Testing
@testable import PrismTerminal

@Suite("Color downgrade")
struct ColorDowngradeTests {
    @Test func paletteValues() {
        #expect(Color.xtermRGB(9) == (255, 0, 0))
        #expect(Color.xtermRGB(16) == (0, 0, 0))
        #expect(Color.xtermRGB(196) == (255, 0, 0))
        #expect(Color.xtermRGB(21) == (0, 0, 255))
        #expect(Color.xtermRGB(231) == (255, 255, 255))
        #expect(Color.xtermRGB(232) == (8, 8, 8))
        #expect(Color.xtermRGB(255) == (238, 238, 238))
    }

    @Test func rgbToIndexed256() {
        #expect(Color.rgb(255, 0, 0).resolved(for: .indexed256) == .indexed(196))
        #expect(Color.rgb(0, 0, 0).resolved(for: .indexed256) == .indexed(16))
        #expect(Color.rgb(255, 255, 255).resolved(for: .indexed256) == .indexed(231))
        #expect(Color.rgb(0x87, 0xAF, 0xFF).resolved(for: .indexed256) == .indexed(111)) // exact cube entry
        #expect(Color.rgb(128, 128, 128).resolved(for: .indexed256) == .indexed(244)) // grey ramp beats the cube
        #expect(Color.rgb(0x30, 0x30, 0x30).resolved(for: .indexed256) == .indexed(236))
        #expect(Color.rgb(100, 100, 101).resolved(for: .indexed256) == .indexed(241))
        // Every cube entry maps to itself.
        for i in UInt8(16)...231 {
            let (r, g, b) = Color.xtermRGB(i)
            #expect(Color.rgb(r, g, b).resolved(for: .indexed256) == .indexed(i))
        }
    }

    @Test func rgbToSixteenAndEight() {
        #expect(Color.rgb(255, 0, 0).resolved(for: .ansi16) == .ansi(9))
        #expect(Color.rgb(255, 0, 0).resolved(for: .ansi8) == .ansi(1))
        #expect(Color.rgb(200, 10, 10).resolved(for: .ansi16) == .ansi(1))
        #expect(Color.rgb(10, 10, 10).resolved(for: .ansi16) == .ansi(0))
        #expect(Color.rgb(250, 250, 250).resolved(for: .ansi16) == .ansi(15))
        #expect(Color.rgb(250, 250, 250).resolved(for: .ansi8) == .ansi(7))
        #expect(Color.rgb(90, 90, 250).resolved(for: .ansi16) == .ansi(12))
        #expect(Color.rgb(90, 90, 250).resolved(for: .ansi8) == .ansi(4))
    }

    @Test func indexedToSixteenAndEight() {
        #expect(Color.indexed(196).resolved(for: .ansi16) == .ansi(9))
        #expect(Color.indexed(196).resolved(for: .ansi8) == .ansi(1))
        #expect(Color.indexed(4).resolved(for: .ansi16) == .ansi(4))
        #expect(Color.indexed(12).resolved(for: .ansi8) == .ansi(4))
        #expect(Color.ansi(9).resolved(for: .ansi8) == .ansi(1))
        #expect(Color.ansi(9).resolved(for: .ansi16) == .ansi(9))
        #expect(Color.indexed(244).resolved(for: .ansi16) == .ansi(8))
        #expect(Color.indexed(255).resolved(for: .ansi16) == .ansi(7))
    }

    @Test func passThroughAndNone() {
        let all: [Color] = [.default, .ansi(3), .indexed(100), .rgb(1, 2, 3)]
        for c in all {
            #expect(c.resolved(for: .none) == nil)
            #expect(c.resolved(for: .truecolor) == c)
        }
        #expect(Color.default.resolved(for: .ansi8) == .default)
        #expect(Color.indexed(100).resolved(for: .indexed256) == .indexed(100))
        #expect(Color.ansi(5).resolved(for: .indexed256) == .ansi(5))
    }
}
