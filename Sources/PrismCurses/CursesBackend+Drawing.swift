import CNcursesw
import PrismTerminal

extension CursesBackend {
    /// Shows a frame: writes the cells that changed since the last one, then one `doupdate`.
    ///
    /// After a resize, a resume or a colour-pair reset, the whole frame is written and the
    /// screen cleared first (the terminal may have reflowed or lost what was on it).
    public func draw(_ frame: Frame) {
        guard screen != nil, !isSuspended, !isShutDown else { return }
        let window = prism_stdscr()
        let limit = size
        if needsFullRedraw || previousFrame?.size != frame.size {
            if needsFullRedraw { clearok(window, true) }
            werase(window)
            previousFrame = nil
            needsFullRedraw = false
        }
        painter.paint(FrameDiff.changes(from: previousFrame, to: frame), into: window, limit: limit)
        if painter.pairs.isExhausted {
            // Too many colour combinations: start the pair table over and paint everything again.
            painter.pairs.reset()
            werase(window)
            clearok(window, true)
            painter.paint(FrameDiff.changes(from: nil, to: frame), into: window, limit: limit)
        }
        placeCursor(frame.cursor, limit: limit)
        wnoutrefresh(window)
        doupdate()
        previousFrame = frame
    }

    private func placeCursor(_ cursor: Point?, limit: Size) {
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < limit.width, cursor.y < limit.height {
            if !cursorVisible {
                curs_set(1)
                cursorVisible = true
            }
            wmove(prism_stdscr(), Int32(cursor.y), Int32(cursor.x))
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
    }
}
