import Foundation
import PrismCore
import PrismTerminal

extension StatusBar {
    /// The fallback part's priority: below the last reply's cost and the session's total,
    /// so on a narrow bar it goes before either.
    static let fallbackPriority = 65

    /// "⤷ gpt-5-mini, qwen3-coder" on a wide bar (when the names are short enough), else
    /// "⤷ 2 fallbacks"; nil with no chain, or in compare mode, where panes send no chain.
    static func fallbackText(_ state: AppState, width: Int) -> String? {
        let chain = state.session.settings.fallbackModels
        guard !chain.isEmpty, !state.isComparing else { return nil }
        let names = "⤷ " + chain.map { TerminalSanitizer.metadata(FallbackChain.shortName($0)) }.joined(separator: ", ")
        if width >= 120, DisplayWidth.of(names) <= 40 { return names }
        return "⤷ " + Formatting.count(chain.count, "fallback")
    }
}
