import PrismTerminal

/// Finds the runs of cells that changed between two frames.
///
/// The backend's own small diff, isolated so it can be replaced by a shared `FrameDiff`
/// from PrismTerminal later. Curses compares its window with the screen again before
/// writing anything, so this only has to keep us from re-submitting a whole screen of
/// cells each frame; it does not need to be minimal.
enum CellDiff {
    /// A horizontal run of changed cells on one row.
    struct Run: Hashable, Sendable {
        var y: Int
        var x: Int
        var count: Int
    }

    /// The changed runs, top to bottom, left to right. Every row when there is no usable previous frame.
    ///
    /// A run never starts on the right half of a wide grapheme: it is widened to include
    /// the left half, which is the cell that actually draws it.
    static func runs(from old: Frame?, to new: Frame) -> [Run] {
        let width = new.size.width
        guard let old, old.size == new.size else {
            return (0..<new.size.height).map { Run(y: $0, x: 0, count: width) }
        }
        var runs: [Run] = []
        // One pass over both cell buffers: subscripting `Frame` per cell from this module
        // retained and released the cell array for every cell, most of a frame's cost.
        old.cells.withUnsafeBufferPointer { before in
            new.cells.withUnsafeBufferPointer { after in
                for y in 0..<new.size.height {
                    let row = y * width
                    var x = 0
                    while x < width {
                        guard before[row + x] != after[row + x] else {
                            x += 1
                            continue
                        }
                        var start = x
                        while x < width, before[row + x] != after[row + x] { x += 1 }
                        if start > 0, after[row + start].isContinuation { start -= 1 }
                        if let last = runs.last, last.y == y, last.x + last.count >= start {
                            runs[runs.count - 1].count = x - last.x
                        } else {
                            runs.append(Run(y: y, x: start, count: x - start))
                        }
                    }
                }
            }
        }
        return runs
    }
}
