import Foundation
import PrismCore

/// The analytics view (`/stats`, its key), while open: the range shown, which table, how far
/// it is scrolled, and the report (loading, loaded or why not).
public struct StatsViewState: Sendable, Equatable {
    /// Which figures the table lists.
    public enum Table: String, CaseIterable, Sendable {
        case models = "model", providers = "provider", tags = "tag"
    }

    public enum Load: Sendable, Equatable {
        case loading
        case loaded(StatsReport)
        /// One line: why there is no report ("no history kept here", a database error).
        case failed(String)
    }

    public var range: StatsRange
    public var table: Table = .models
    /// The first table row shown.
    public var scroll = 0
    public var load: Load = .loading
    /// Where Esc goes back to.
    public var returnFocus: AppState.Focus

    public init(range: StatsRange, returnFocus: AppState.Focus = .prompt) {
        self.range = range
        self.returnFocus = returnFocus
    }

    public var report: StatsReport? {
        if case .loaded(let report) = load { return report }
        return nil
    }

    /// The rows of the table shown, most requests first (as the report orders them).
    public var rows: [StatsGroup] {
        guard let report else { return [] }
        switch table {
        case .models: return report.models
        case .providers: return report.providers
        case .tags: return report.tags
        }
    }
}
