import Foundation
import PrismCore
import PrismTerminal

/// The analytics view: opening it (its key, `/stats [range]`), its keys, and the report's answer.
extension Reducer {
    /// Opens the view on `range` and asks for its report.
    static func openStats(_ state: inout AppState, range: StatsRange) -> [Effect] {
        let back: AppState.Focus = state.focus == .transcript ? .transcript : .prompt
        state.stats = StatsViewState(range: range, returnFocus: back)
        state.statsRange = range
        state.focus = .stats
        return [.loadStats(range)]
    }

    /// `/stats` (the range last shown) or `/stats today|7d|30d|all`.
    static func statsCommand(_ state: inout AppState, _ argument: String) -> [Effect] {
        if argument.isEmpty { return openStats(&state, range: state.statsRange) }
        guard let range = StatsRange(rawValue: argument.lowercased()) else {
            notify(&state, "usage: /stats [" + StatsRange.allCases.map(\.rawValue).joined(separator: "|") + "]", .error)
            return []
        }
        return openStats(&state, range: range)
    }

    /// Keys of the analytics view; every key stops here (none reaches the prompt).
    static func statsKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        guard var view = state.stats else {
            state.focus = .prompt
            return []
        }
        guard let command = env.bindings.stats[key] else {
            // The key that opens the view closes it; stopping a reply and quitting work everywhere.
            switch env.bindings.command(for: key) {
            case .openStats?: closeStats(&state, view)
            case let global? where global == .cancel || global == .quit: return run(global, &state, env)
            default: break
            }
            return []
        }
        defer { if state.focus == .stats { state.stats = view } }
        let page = max(1, StatsLayout.tableRows(screen: state.size))
        switch command {
        case .range:
            view.range = view.range.next
            view.load = .loading
            view.scroll = 0
            state.statsRange = view.range
            return [.loadStats(view.range)]
        case .models: switchTable(&view, .models)
        case .providers: switchTable(&view, .providers)
        case .tags: switchTable(&view, .tags)
        case .up: scrollStats(&view, -1, page: page)
        case .down: scrollStats(&view, 1, page: page)
        case .pageUp: scrollStats(&view, -page, page: page)
        case .pageDown: scrollStats(&view, page, page: page)
        case .close: closeStats(&state, view)
        }
        return []
    }

    /// The mouse wheel over the view scrolls its table.
    static func scrollStats(_ state: inout AppState, _ delta: Int) {
        guard var view = state.stats else { return }
        scrollStats(&view, delta, page: max(1, StatsLayout.tableRows(screen: state.size)))
        state.stats = view
    }

    private static func scrollStats(_ view: inout StatsViewState, _ delta: Int, page: Int) {
        let furthest = max(0, view.rows.count - page)
        view.scroll = max(0, min(furthest, view.scroll + delta))
    }

    private static func switchTable(_ view: inout StatsViewState, _ table: StatsViewState.Table) {
        guard view.table != table else { return }
        view.table = table
        view.scroll = 0
    }

    private static func closeStats(_ state: inout AppState, _ view: StatsViewState) {
        state.stats = nil
        state.focus = view.returnFocus
    }

    // MARK: Answers of the effect

    /// A report for the range on screen fills the view; one for a range already left is dropped.
    static func statsLoaded(_ state: inout AppState, _ report: StatsReport) -> [Effect] {
        guard var view = state.stats, view.range == report.range else { return [] }
        view.load = .loaded(report)
        scrollStats(&view, 0, page: max(1, StatsLayout.tableRows(screen: state.size)))
        state.stats = view
        return []
    }

    static func statsFailed(_ state: inout AppState, range: StatsRange, reason: String) -> [Effect] {
        guard state.stats?.range == range else { return [] }
        state.stats?.load = .failed(TerminalSanitizer.metadata(reason))
        return []
    }
}
