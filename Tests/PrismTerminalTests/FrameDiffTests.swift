import Testing
@testable import PrismTerminal

@Suite("FrameDiff")
struct FrameDiffTests {
    private let size = Size(width: 10, height: 3)

    private func describe(_ runs: [FrameDiff.Run]) -> [String] {
        runs.map { run in "\(run.row):\(run.column):" + run.cells.map { $0.isContinuation ? "_" : $0.grapheme }.joined() }
    }

    @Test func noOldFrameMeansEveryCell() {
        var f = Frame(size: size)
        f.put("hi", at: Point(x: 0, y: 1), style: .plain)
        let runs = FrameDiff.changes(from: nil, to: f)
        #expect(runs.count == 3)
        #expect(runs.allSatisfy { $0.column == 0 && $0.width == 10 })
        #expect(FrameDiff.cellCount(runs) == 30)
        // A frame of another size is no help either.
        #expect(FrameDiff.cellCount(FrameDiff.changes(from: Frame(size: Size(width: 9, height: 3)), to: f)) == 30)
    }

    @Test func identicalFramesHaveNoRuns() {
        var f = Frame(size: size)
        f.put("same 世界", at: Point(x: 0, y: 0), style: .plain)
        #expect(FrameDiff.changes(from: f, to: f).isEmpty)
    }

    @Test func runsAreConsecutiveChangedCells() {
        let old = Frame(size: size)
        var new = old
        new.put("ab", at: Point(x: 2, y: 0), style: .plain)
        new.put("c", at: Point(x: 5, y: 0), style: .plain)
        new.put("d", at: Point(x: 9, y: 2), style: .plain)
        #expect(describe(FrameDiff.changes(from: old, to: new)) == ["0:2:ab", "0:5:c", "2:9:d"])
        // A style change is a change.
        var styled = old
        styled.fill(Rect(x: 0, y: 1, width: 2, height: 1), style: Style(background: .ansi(4)))
        #expect(describe(FrameDiff.changes(from: old, to: styled)) == ["1:0:  "])
    }

    @Test func wideCellsTravelWithTheirContinuation() {
        var old = Frame(size: size)
        old.put("a世b", at: Point(x: 0, y: 0), style: .plain)
        // Only the continuation differs (its style): the run starts at the wide cell.
        var new = old
        new[2, 0] = .continuation(Style(attributes: .bold))
        #expect(describe(FrameDiff.changes(from: old, to: new)) == ["0:1:世_"])
        // Only the wide cell differs: the run carries its continuation too.
        new = old
        new.put("界", at: Point(x: 1, y: 0), style: .plain)
        #expect(describe(FrameDiff.changes(from: old, to: new)) == ["0:1:界_"])
        // Narrow → wide and back.
        new = old
        new.put("xy", at: Point(x: 1, y: 0), style: .plain)
        #expect(describe(FrameDiff.changes(from: old, to: new)) == ["0:1:xy"])
        #expect(describe(FrameDiff.changes(from: new, to: old)) == ["0:1:世_"])
    }

    @Test func runsNeverStartOnAContinuation() {
        var rng = SplitMix64(seed: 7)
        let pieces = ["a", "世", "😀", "b", "  ", "界"]
        var old = Frame(size: size)
        for _ in 0..<500 {
            var new = old
            for _ in 0..<3 {
                let text = (0..<3).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
                new.put(text, at: Point(x: Int(rng.next() % 10), y: Int(rng.next() % 3)), style: rng.next() % 2 == 0 ? .plain : Style(attributes: .bold))
            }
            let runs = FrameDiff.changes(from: old, to: new)
            // Applying the runs to the old frame gives the new one.
            var applied = old
            for run in runs {
                #expect(!run.cells.first!.isContinuation)
                #expect(run.endColumn == size.width || !new[run.endColumn, run.row].isContinuation)
                for (i, cell) in run.cells.enumerated() { applied[run.column + i, run.row] = cell }
            }
            #expect(applied == new)
            old = new
        }
    }
}
