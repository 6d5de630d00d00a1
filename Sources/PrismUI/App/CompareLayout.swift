import PrismTerminal

/// Where the panes of compare mode go: side by side, a 2×2 grid, or tabs.
///
/// A pure function of the area and the pane count, so the reducer (for mouse
/// presses) and the renderer agree on every rectangle without sharing state.
public struct CompareLayout: Equatable, Sendable {
    public enum Mode: Sendable, Equatable { case columns, grid, tabs }

    /// Narrowest a side-by-side column may be.
    public static let minColumnWidth = 38
    /// Terminal rows from which four panes may stack as a 2×2 grid.
    public static let minGridRows = 30

    public var mode: Mode
    /// One rectangle per pane; nil for panes hidden behind a tab.
    public var panes: [Rect?]
    /// Columns between panes, drawn as a rule.
    public var separators: [Rect]
    /// The tab strip (tabs mode only).
    public var tabs: Rect?
    /// The line across the panes comparing the round.
    public var summary: Rect

    public init(area: Rect, count: Int, focused: Int, screenHeight: Int) {
        let (body, summary) = area.splitBottom(1)
        self.summary = summary
        separators = []
        tabs = nil
        let n = max(1, count)
        if (body.width - (n - 1)) / n >= Self.minColumnWidth {
            mode = .columns
            panes = Self.columns(body, n, separators: &separators).map { Optional($0) }
        } else if n == 4, screenHeight >= Self.minGridRows, (body.width - 1) / 2 >= Self.minColumnWidth {
            mode = .grid
            let (top, bottom) = body.splitTop(body.height / 2)
            panes = (Self.columns(top, 2, separators: &separators) + Self.columns(bottom, 2, separators: &separators)).map { Optional($0) }
        } else {
            mode = .tabs
            let (strip, rest) = body.splitTop(1)
            tabs = strip
            panes = (0..<count).map { $0 == focused ? rest : nil }
        }
    }

    /// `n` equal columns with a one-column rule between them; the last takes the remainder.
    private static func columns(_ rect: Rect, _ n: Int, separators: inout [Rect]) -> [Rect] {
        let width = (rect.width - (n - 1)) / n
        var out: [Rect] = []
        var x = rect.x
        for i in 0..<n {
            let w = i == n - 1 ? rect.maxX - x : width
            out.append(Rect(x: x, y: rect.y, width: w, height: rect.height))
            x += w
            if i < n - 1 {
                separators.append(Rect(x: x, y: rect.y, width: 1, height: rect.height))
                x += 1
            }
        }
        return out
    }

    /// The layout for a state in compare mode, from the same screen layout the renderer uses.
    static func of(_ state: AppState) -> CompareLayout? {
        guard let models = state.comparedModels else { return nil }
        let promptLines = PromptPane.lineCount(state, width: max(1, state.size.width - 2))
        let screen = Layout(size: state.size, focus: state.focus, promptLines: promptLines, pickerWidth: PickerPane.sizer(state))
        return CompareLayout(area: screen.transcript, count: models.count, focused: state.focusedLane,
                             screenHeight: state.size.height)
    }
}

/// The tab strip of the narrow layout: one label per model, numbered like Alt-1..4.
enum CompareTabs {
    /// Widest a tab's model name may be.
    static let maxName = 22

    static func labels(_ models: [String]) -> [String] {
        models.enumerated().map { " \($0.offset + 1) \(shortName($0.element).truncated(to: maxName)) " }
    }

    /// The tab under column `x` of the strip (tabs are separated by one column).
    static func tab(at x: Int, models: [String]) -> Int? {
        var start = 0
        for (i, label) in labels(models).enumerated() {
            let end = start + DisplayWidth.of(label)
            if x >= start, x < end { return i }
            start = end + 1
        }
        return nil
    }

    /// A model id without its vendor prefix ("openai/gpt-5-mini" → "gpt-5-mini").
    static func shortName(_ model: String) -> String {
        model.split(separator: "/").last.map(String.init) ?? model
    }
}
