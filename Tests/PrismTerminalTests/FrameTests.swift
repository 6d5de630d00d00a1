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

@Suite("Frame wide cells")
struct FrameWideCellTests {
    private func frame(_ width: Int) -> Frame { Frame(size: Size(width: width, height: 1)) }

    /// Every wide cell is followed by exactly `width - 1` continuations, and no continuation is orphaned.
    private func isConsistent(_ f: Frame) -> Bool {
        var x = 0
        while x < f.size.width {
            let c = f[x, 0]
            if c.isContinuation { return false }
            for i in 1..<max(1, Int(c.width)) where x + i >= f.size.width || !f[x + i, 0].isContinuation { return false }
            x += max(1, Int(c.width))
        }
        return true
    }

    @Test func overwritingHalfAWideGraphemeBlanksTheOtherHalf() {
        var f = frame(6)
        f.put("世界", at: Point(x: 0, y: 0), style: .plain)
        f.put("a", at: Point(x: 1, y: 0), style: .plain) // the right half of 世
        #expect(f.text() == " a界")
        #expect(isConsistent(f))
        f.put("b", at: Point(x: 2, y: 0), style: .plain) // the left half of 界
        #expect(f.text() == " ab")
        #expect(isConsistent(f))
        f.put("中", at: Point(x: 3, y: 0), style: .plain)
        f.put("文", at: Point(x: 2, y: 0), style: .plain) // covers b and the left half of 中
        #expect(f.text() == " a文")
        #expect(isConsistent(f))
    }

    @Test func fillBlanksWideGraphemesItCuts() {
        var f = frame(6)
        f.put("世界中", at: Point(x: 0, y: 0), style: .plain)
        f.fill(Rect(x: 1, y: 0, width: 2, height: 1), style: .plain)
        #expect(f.text() == "    中")
        #expect(isConsistent(f))
    }

    @Test func wideGraphemeCutByTheLeftClipEdgeShowsABlank() {
        var f = frame(6)
        f.put("xxxxxx", at: Point(x: 0, y: 0), style: .plain)
        f.put("世ab", at: Point(x: 1, y: 0), style: .plain, clip: Rect(x: 2, y: 0, width: 4, height: 1))
        #expect(f.text() == "xx abx")
        #expect(isConsistent(f))
    }

    @Test func combiningMarkStartingASpanJoinsThePreviousCell() {
        var f = frame(6)
        f.put(StyledLine([Span("e"), Span("\u{301}x", Style(attributes: .bold))]), at: Point(x: 0, y: 0))
        #expect(f[0, 0].grapheme == "e\u{301}")
        #expect(f[1, 0].grapheme == "x")
        // A lone zero-width space or bidi override is dropped, never drawn.
        f.put("a\u{200B}\u{202E}b", at: Point(x: 0, y: 0), style: .plain)
        #expect(f.text() == "ab")
    }

    @Test func randomWritesKeepWideCellsWhole() {
        var rng = SplitMix64(seed: 42)
        let pieces = ["a", "世", "😀", "bc", "界x", "👩‍💻", " "]
        var f = frame(12)
        for _ in 0..<2_000 {
            let text = (0..<3).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            let x = Int(rng.next() % 14) - 2
            if rng.next() % 4 == 0 {
                f.fill(Rect(x: x, y: 0, width: Int(rng.next() % 4), height: 1), style: .plain)
            } else {
                let clipX = Int(rng.next() % 6)
                f.put(text, at: Point(x: x, y: 0), style: .plain, clip: Rect(x: clipX, y: 0, width: 6, height: 1))
            }
            #expect(isConsistent(f), "after \(text.debugDescription) at \(x): \(f.text().debugDescription)")
        }
    }
}
