import Testing
@testable import PrismTerminal

@Suite("Frame")
struct FrameTests {
    @Test func putPlacesWideGraphemesAndClips() {
        var f = Frame(size: Size(width: 8, height: 2))
        let end = f.put("a世界bc", at: Point(x: 0, y: 0), style: .plain)
        #expect(end == 7)
        #expect(f.text() == "a世界bc\n")
        #expect(f[1, 0].width == 2 && f[2, 0].isContinuation)
        // A wide grapheme that would straddle the clip edge becomes a blank.
        f.put("xyz世", at: Point(x: 0, y: 1), style: .plain, clip: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(f.text() == "a世界bc\nxyz")
    }

    @Test func controlCharactersNeverReachACell() {
        var f = Frame(size: Size(width: 6, height: 1))
        f.put("a\u{1B}b", at: Point(x: 0, y: 0), style: .plain)
        #expect(!f.cells.contains { $0.grapheme.unicodeScalars.contains { $0.value == 0x1B } })
    }
}
