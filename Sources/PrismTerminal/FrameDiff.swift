/// What changed between two frames, as runs of cells to send to the terminal.
///
/// The app draws a whole frame every time; this decides what reaches the screen.
/// It is one linear pass over both grids comparing cells in place, and a run's cells
/// are a slice of the new frame's storage, so nothing is copied per cell.
public enum FrameDiff {
    /// Consecutive cells of one row to draw, starting at `column`.
    ///
    /// A wide cell and its continuation always travel together: a run never starts on
    /// a continuation cell and never ends between a wide cell and its continuation, so a
    /// backend can draw a run left to right and skip continuation cells.
    public struct Run: Hashable, Sendable {
        public var row: Int
        public var column: Int
        /// The new cells, indexed by their position in the new frame's `cells`.
        public var cells: ArraySlice<Cell>

        public init(row: Int, column: Int, cells: ArraySlice<Cell>) {
            self.row = row
            self.column = column
            self.cells = cells
        }

        /// How many columns the run covers.
        public var width: Int { cells.count }
        /// The column after the run.
        public var endColumn: Int { column + cells.count }
    }

    /// The runs that turn `old` into `new`; every cell when `old` is nil or of another size.
    public static func changes(from old: Frame?, to new: Frame) -> [Run] {
        let width = new.size.width, height = new.size.height
        var runs: [Run] = []
        guard width > 0, height > 0 else { return runs }
        let newCells = new.cells
        guard let old, old.size == new.size else {
            runs.reserveCapacity(height)
            for row in 0..<height {
                let base = row * width
                // A row cannot start with the right half of anything.
                let start = newCells[base].isContinuation ? 1 : 0
                if start < width { runs.append(Run(row: row, column: start, cells: newCells[(base + start)..<(base + width)])) }
            }
            return runs
        }
        let oldCells = old.cells
        oldCells.withUnsafeBufferPointer { before in
            newCells.withUnsafeBufferPointer { after in
                for row in 0..<height {
                    let base = row * width
                    var x = 0
                    while x < width {
                        if before[base + x] == after[base + x] { x += 1; continue }
                        // A changed right half is redrawn from its wide cell (which cannot be in
                        // an earlier run: that run would have gone on through this cell). An
                        // orphan right half in column 0 has nothing to draw.
                        var start = x
                        if after[base + x].isContinuation { start = x > 0 ? x - 1 : 1 }
                        var end = x + 1
                        while end < width, after[base + end].isContinuation || before[base + end] != after[base + end] {
                            end += 1
                        }
                        if start < end {
                            runs.append(Run(row: row, column: start, cells: newCells[(base + start)..<(base + end)]))
                        }
                        x = end
                    }
                }
            }
        }
        return runs
    }

    /// How many cells the runs cover.
    public static func cellCount(_ runs: [Run]) -> Int {
        runs.reduce(0) { $0 + $1.cells.count }
    }
}
