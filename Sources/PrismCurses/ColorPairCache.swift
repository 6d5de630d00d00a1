import CNcursesw

/// Curses colour pairs for (foreground, background) numbers, allocated on first use.
///
/// `alloc_pair` (ncurses ≥ 6.1) finds or creates a pair, but when the table is full it
/// silently recycles the oldest one, which would recolour text still on screen. So we
/// count what we allocated and report exhaustion instead; the backend then resets the
/// table and repaints the whole frame. The dictionary also spares a C call per cell.
struct ColorPairCache {
    private struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Colors: Int32] = [:]
    /// How many pairs the terminal has (pair 0 is the terminal's default colours).
    let capacity: Int

    /// Set once a pair could not be allocated since the last `reset()`.
    private(set) var isExhausted = false

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The pair for two colour numbers (-1 is the default colour); pair 0 when the table is full.
    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == -1, background == -1 { return 0 }
        let key = Colors(foreground: foreground, background: background)
        if let pair = pairs[key] { return pair }
        guard pairs.count + 1 < capacity else {
            isExhausted = true
            return 0
        }
        let pair = alloc_pair(foreground, background)
        guard pair > 0 else {
            isExhausted = true
            return 0
        }
        pairs[key] = pair
        return pair
    }

    /// Frees every pair (cells already drawn with them must be drawn again).
    mutating func reset() {
        reset_color_pairs()
        pairs.removeAll(keepingCapacity: true)
        isExhausted = false
    }
}
