import Foundation
import PrismCore
import PrismTerminal

/// The model picker: query, sort, selection, favourites and recents.
public struct ModelPickerState: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable {
        case relevance, price, context, newest, name
        /// What the draft and its thread would cost in input on each model ("≈ this prompt").
        case estimate

        /// How the picker's title names the sort.
        public var label: String { self == .estimate ? "≈ this prompt" : rawValue }
    }

    /// The search field (the same readline keys as the prompt).
    public var search = PromptEditor()
    /// The search text.
    public var query: String {
        get { search.text }
        set { search.set(newValue) }
    }
    public var sort: Sort = .relevance
    public var selection = 0
    public var scroll = 0
    public var favourites: Set<String> = []
    /// Most recent first.
    public var recents: [String] = []
    /// Models marked for compare mode (`PickerCommand.mark`), in the order they were marked.
    public var marked: [String] = []
    /// The variant chosen on a model's row (`PickerCommand.variant`), by the row's id.
    public var variants: [String: ModelVariant] = [:]

    public init() {}

    /// The sets the picker lists above the models: all of them, or those whose name matches the query.
    public func visibleSets(_ sets: ModelSets) -> [ModelSet] {
        query.isEmpty ? sets.all : sets.all.filter { FuzzyMatcher.matchWords(query, in: $0.name) != nil }
    }

    /// The catalog filtered by the query and ordered: favourites, then recents, then the rest
    /// in the chosen sort (by match quality while a query is typed and the sort is relevance).
    ///
    /// Orders the whole list; the picker itself asks `models(in:)` for the rows it shows.
    public func visibleModels(in catalog: [ModelInfo], basis: EstimateBasis? = nil) -> [ModelInfo] {
        let list = models(in: catalog, basis: basis)
        return list.models(0..<list.count)
    }

    /// How many models the picker lists: while no query is typed, every one but the free
    /// twins shown as their base row's variant, which only the index knows; until its
    /// background build is done, every one (a catalog arriving never waits for the index).
    func modelCount(in catalog: [ModelInfo]) -> Int {
        guard query.split(separator: " ").isEmpty else { return models(in: catalog).count }
        return catalog.count - (CatalogIndex.ifReady(catalog)?.hiddenCount ?? 0)
    }

    /// The same list, counted at once and ordered only where it is read (see `ModelList`).
    /// `basis` prices the estimate sort (the draft and its thread); without it that sort
    /// orders as for an empty prompt.
    func models(in catalog: [ModelInfo], basis: EstimateBasis? = nil) -> ModelList {
        let index = CatalogIndex.of(catalog)
        let basis = sort == .estimate ? basis ?? Self.emptyBasis : nil
        return index.lock.withLock {
            index.list(for: ModelList.Key(query: query, sort: sort, favourites: favourites, recents: recents, basis: basis))
        }
    }

    static let emptyBasis = EstimateBasis(thread: ThreadEstimate(), draft: PendingText(), explicitMaxTokens: nil, maxTokensCap: 0)

    /// The estimate sort's key: the input cost in USD as a number (the column's `Decimal`
    /// figure, computed in doubles so 200,000 models sort quickly), unknown prices last.
    static func estimateKey(_ model: ModelInfo, basis: EstimateBasis) -> Double {
        estimateKey(EstimatePrices(model.pricing), tokens: CostEstimator.promptTokens(model: model.id, basis: basis),
                    images: basis.thread.pending.images + basis.draft.images)
    }

    static func estimateKey(_ prices: EstimatePrices, tokens: Int, images: Int) -> Double {
        guard let prompt = prices.prompt else { return .infinity }
        return prompt * Double(tokens) + prices.request + (images > 0 ? prices.image * Double(images) : 0)
    }

    /// A model's input prices as numbers and its family's characters per token, for the estimate sort.
    struct EstimatePrices {
        var prompt: Double?
        var request: Double
        var image: Double
        var familyRatio: Double

        init(_ model: ModelInfo) {
            self.init(model.pricing)
            familyRatio = TokenRatio.familyDefault(for: model.id)
        }

        init(_ pricing: ModelPricing) {
            familyRatio = TokenRatio.fallback
            func number(_ d: Decimal?) -> Double? { d.map { NSDecimalNumber(decimal: $0).doubleValue } }
            prompt = number(pricing.prompt)
            request = number(pricing.request) ?? 0
            image = number(pricing.image) ?? 0
        }
    }

    static func ordered(_ a: ModelInfo, _ sa: Int, _ b: ModelInfo, _ sb: Int, by sort: Sort, querying: Bool,
                        basis: EstimateBasis = emptyBasis) -> Bool {
        switch sort {
        case .relevance:
            if querying, sa != sb { return sa > sb }
            return a.id < b.id
        case .price: return ModelOrder.price.areInIncreasingOrder(a, b)
        case .context: return ModelOrder.context.areInIncreasingOrder(a, b)
        case .newest: return ModelOrder.newest.areInIncreasingOrder(a, b)
        case .name: return ModelOrder.name.areInIncreasingOrder(a, b)
        case .estimate:
            let ka = estimateKey(a, basis: basis), kb = estimateKey(b, basis: basis)
            return ka == kb ? a.id < b.id : ka < kb
        }
    }
}

/// The session browser: the listing, a filter and a selection.
public struct SessionBrowserState: Sendable, Equatable {
    public var sessions: [SessionSummary] = []
    public var problems: [String] = []
    /// The filter field (the same readline keys as the prompt).
    public var filterField = PromptEditor()
    /// The filter text.
    public var filter: String {
        get { filterField.text }
        set { filterField.set(newValue) }
    }
    public var selection = 0
    public var scroll = 0
    /// Set while asking "delete this session? y/n".
    public var confirmingDelete: String?
    /// Sessions whose saved text matches the current filter (from a background search).
    public var contentMatches: Set<String> = []
    /// Set while renaming: the session id and the title being edited, which starts as the old
    /// title with the caret at its end (Ctrl-U clears it, Backspace trims it).
    public var renaming: (id: String, editor: PromptEditor)?

    public init() {}

    public static func == (a: SessionBrowserState, b: SessionBrowserState) -> Bool {
        a.sessions == b.sessions && a.problems == b.problems && a.filterField == b.filterField && a.selection == b.selection
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
