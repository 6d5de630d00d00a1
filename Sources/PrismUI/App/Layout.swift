import PrismTerminal

/// Where each pane goes on this frame, computed once per render.
public struct Layout: Equatable, Sendable {
    public var transcript: Rect
    /// The model picker when shown beside the transcript (wide terminals) or over it.
    public var picker: Rect?
    public var prompt: Rect
    public var status: Rect
    /// A centred box for help, the session browser or the theme switcher.
    public var overlay: Rect?
    /// True below the smallest size Prism draws a full screen for.
    public var tooSmall: Bool

    public static let minimum = Size(width: 30, height: 8)
    /// From this width the picker sits beside the transcript instead of over it.
    public static let sidePickerWidth = 110

    /// The side picker's narrowest width, and how much of the screen it may take at most
    /// (the transcript keeps at least `sidePickerTranscript` columns).
    public static let sidePickerMinimum = 50
    public static let sidePickerShare = 70
    public static let sidePickerTranscript = 40

    /// `pickerWidth` sizes the side picker to its content: given the narrowest and widest
    /// it may be, it answers the width it wants (without it, the narrowest).
    public init(size: Size, focus: AppState.Focus, promptLines: Int, pickerWidth: ((_ minimum: Int, _ limit: Int) -> Int)? = nil) {
        let screen = Rect(size: size)
        tooSmall = size.width < Layout.minimum.width || size.height < Layout.minimum.height
        let (main, status) = screen.splitBottom(1)
        self.status = status
        // The prompt grows with its text up to a third of the screen (borders included).
        let maxPrompt = max(3, main.height / 3)
        let promptHeight = min(maxPrompt, max(3, promptLines + 2))
        let (upper, prompt) = main.splitBottom(promptHeight)
        self.prompt = prompt
        transcript = upper
        picker = nil
        overlay = nil
        switch focus {
        case .picker:
            if size.width >= Layout.sidePickerWidth {
                let minimum = Layout.sidePickerMinimum
                let limit = max(minimum, min(upper.width - Layout.sidePickerTranscript, upper.width * Layout.sidePickerShare / 100))
                let width = pickerWidth.map { max(minimum, min(limit, $0(minimum, limit))) } ?? minimum
                let (left, right) = upper.splitLeft(width)
                picker = left
                transcript = right
            } else {
                picker = upper
            }
        case .providers, .stats:
            // The whole area above the status bar: a table of ten columns (or charts) wants every cell.
            overlay = main
        case .help, .browser, .themes, .fallbacks, .leaderboard, .routeWhy, .tools:
            // The fallback chain is a table of prices: it takes more of a narrow screen.
            let width = min(main.width, max(focus == .fallbacks ? 72 : 40, main.width * 4 / 5))
            let height = min(main.height, max(8, main.height * 4 / 5))
            overlay = Rect(x: (main.width - width) / 2, y: (main.height - height) / 2, width: width, height: height)
        case .prompt, .transcript:
            break
        }
    }
}
