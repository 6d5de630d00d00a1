import Foundation
import PrismCore

/// The model picker: query, sort, selection, favourites and recents.
public struct ModelPickerState: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable {
        case relevance, price, context, newest, name
    }

    public var query = ""
    public var sort: Sort = .relevance
    public var selection = 0
    public var scroll = 0
    public var favourites: Set<String> = []
    /// Most recent first.
    public var recents: [String] = []
    /// Models marked with Space for compare mode, in the order they were marked.
    public var marked: [String] = []

    public init() {}

    /// The sets the picker lists above the models: all of them, or those whose name matches the query.
    public func visibleSets(_ sets: ModelSets) -> [ModelSet] {
        query.isEmpty ? sets.all : sets.all.filter { FuzzyMatcher.matchWords(query, in: $0.name) != nil }
    }

    /// The catalog filtered by the query and ordered: favourites, then recents, then the rest
    /// in the chosen sort (by match quality while a query is typed and the sort is relevance).
    public func visibleModels(in catalog: [ModelInfo]) -> [ModelInfo] {
        var scored: [(model: ModelInfo, score: Int)] = []
        scored.reserveCapacity(catalog.count)
        for model in catalog {
            if query.isEmpty {
                scored.append((model, 0))
            } else if let s = FuzzyMatcher.matchWords(query, in: model.id + " " + model.name) {
                scored.append((model, s))
            }
        }
        func rank(_ m: ModelInfo) -> Int {
            if favourites.contains(m.id) { return 0 }
            if recents.contains(m.id) { return 1 }
            return 2
        }
        let recentIndex = Dictionary(recents.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return scored.sorted { a, b in
            let ra = rank(a.model), rb = rank(b.model)
            if ra != rb { return ra < rb }
            if ra == 1, let ia = recentIndex[a.model.id], let ib = recentIndex[b.model.id], ia != ib { return ia < ib }
            return ModelPickerState.ordered(a.model, a.score, b.model, b.score, by: sort, querying: !query.isEmpty)
        }.map(\.model)
    }

    static func ordered(_ a: ModelInfo, _ sa: Int, _ b: ModelInfo, _ sb: Int, by sort: Sort, querying: Bool) -> Bool {
        switch sort {
        case .relevance:
            if querying, sa != sb { return sa > sb }
            return a.id < b.id
        case .price: return ModelOrder.price.areInIncreasingOrder(a, b)
        case .context: return ModelOrder.context.areInIncreasingOrder(a, b)
        case .newest: return ModelOrder.newest.areInIncreasingOrder(a, b)
        case .name: return ModelOrder.name.areInIncreasingOrder(a, b)
        }
    }
}

/// The session browser: the listing, a filter and a selection.
public struct SessionBrowserState: Sendable, Equatable {
    public var sessions: [SessionSummary] = []
    public var problems: [String] = []
    public var filter = ""
    public var selection = 0
    public var scroll = 0
    /// Set while asking "delete this session? y/n".
    public var confirmingDelete: String?
    /// Sessions whose saved text matches the current filter (from a background search).
    public var contentMatches: Set<String> = []
    /// Set while renaming: the session id and the title being edited.
    public var renaming: (id: String, editor: PromptEditor)?

    public init() {}

    public static func == (a: SessionBrowserState, b: SessionBrowserState) -> Bool {
        a.sessions == b.sessions && a.problems == b.problems && a.filter == b.filter && a.selection == b.selection
            && a.scroll == b.scroll && a.confirmingDelete == b.confirmingDelete && a.contentMatches == b.contentMatches
            && a.renaming?.id == b.renaming?.id && a.renaming?.editor == b.renaming?.editor
    }

    /// Sessions whose title, model or preview contains every word of the filter, or whose
    /// messages do (found by the background search).
    public var visible: [SessionSummary] {
        let words = filter.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return sessions }
        return sessions.filter { s in
            let hay = [s.title, s.model ?? "", s.lastPreview ?? "", s.id].joined(separator: " ").lowercased()
            return words.allSatisfy(hay.contains) || contentMatches.contains(s.id)
        }
    }
}
