import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The picker's index, byte scorer, narrowing and lazy order must give exactly the list
/// the straightforward filter-score-sort gave.
@Suite struct PickerBoundsTests {
    /// The picker's list as it used to be made: score every model, sort them all.
    static func reference(_ picker: ModelPickerState, _ catalog: [ModelInfo]) -> [String] {
        var scored: [(model: ModelInfo, score: Int)] = []
        for model in catalog {
            if picker.query.isEmpty {
                scored.append((model, 0))
            } else if let s = FuzzyMatcher.matchWords(picker.query, in: model.id + " " + model.name) {
                scored.append((model, s))
            }
        }
        func rank(_ m: ModelInfo) -> Int {
            if picker.favourites.contains(m.id) { return 0 }
            if picker.recents.contains(m.id) { return 1 }
            return 2
        }
        let recentIndex = Dictionary(picker.recents.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        return scored.sorted { a, b in
            let ra = rank(a.model), rb = rank(b.model)
            if ra != rb { return ra < rb }
            if ra == 1, let ia = recentIndex[a.model.id], let ib = recentIndex[b.model.id], ia != ib { return ia < ib }
            return ModelPickerState.ordered(a.model, a.score, b.model, b.score, by: picker.sort, querying: !picker.query.isEmpty)
        }.map(\.model.id)
    }

    /// A catalog with unique ids, shared prices, contexts, dates and names, camelCase and non-ASCII names.
    static func catalog(_ count: Int, seed: UInt64) -> [ModelInfo] {
        var rng = Seeded(seed)
        let words = ["claude", "gpt", "Gemini", "llama", "MiniMax", "qwen", "sonnet", "flash", "mini", "pro", "東京", "Ünï", "x-ai", "r1:free"]
        return (0..<count).map { i in
            let w = (0..<3).map { _ in words[rng.next(words.count)] }
            let prices: [Decimal?] = [nil, 0, Decimal(string: "0.000003"), Decimal(string: "0.0000025"), Decimal(string: "0.00000125")]
            let p = prices[rng.next(prices.count)]
            return ModelInfo(id: "\(w[0].lowercased())/\(w[1])-\(i % 7)-\(w[2])-\(i)", name: "\(w[0]): \(w[1]) \(w[2]) \(i % 13)",
                             created: rng.next(4) == 0 ? nil : Date(timeIntervalSince1970: Double(1_700_000_000 + rng.next(5) * 86_400)),
                             contextLength: rng.next(5) == 0 ? nil : [8_192, 128_000, 200_000][rng.next(3)],
                             pricing: ModelPricing(prompt: p, completion: p.map { $0 * 4 }))
        }
    }

    struct Seeded {
        var state: UInt64
        init(_ seed: UInt64) { state = seed }
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    @Test func theByteScorerGivesFuzzyMatchersScores() {
        let candidates = ["anthropic/claude-sonnet-4 Anthropic: Claude Sonnet 4", "some/cheap-scale-v4-extended-long-name",
                          "openai/gpt-4o-mini OpenAI: GPT-4o mini", "x-ai/grok-code-fast-1 xAI: Grok Code Fast 1", "a", "",
                          "MiniMaxAI/minimax-m1 MiniMax: MiniMax M1", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa/bbbb", "deepseek/deepseek-r1:free"]
        let queries = ["cs4", "c", "claude", "gpt4", "mm", "m1", "xyz", "aaaa", "ab", "free", "r1f", "mini", "4o", "dsr", "zz", "a"]
        let catalog = candidates.map { ModelInfo(id: $0, name: "q") }
        let index = CatalogIndex(catalog)
        index.sliceMinimum = 3  // several slices scored side by side, joined in order
        for query in queries + ["anthropic/claude-sonnet-4", "some/cheap-scale-v4-extended-long-name a", "g o m", "x-ai", "qz", "aq", "a qz"] {
            // Typed a character at a time, so each query extends the one before.
            for end in query.indices.dropFirst() + [query.endIndex] {
                let typed = String(query[..<end])
                let found = index.lock.withLock { index.matches(for: typed) }
                for (i, c) in candidates.enumerated() {
                    let expected = FuzzyMatcher.matchWords(typed, in: c + " q").map { Int32($0) }
                    let got = found?.models.firstIndex(of: Int32(i)).map { found!.scores[$0] }
                    #expect(typed.trimmingCharacters(in: .whitespaces).isEmpty || got == expected, "'\(typed)' in \(c)")
                }
            }
        }
    }

    @Test func everySortAndQueryListsWhatTheFullSortListed() {
        let catalog = Self.catalog(700, seed: 3)
        var picker = ModelPickerState()
        picker.favourites = [catalog[10].id, catalog[500].id]
        picker.recents = [catalog[42].id, catalog[7].id, catalog[500].id, "gone/model"]
        for query in ["", "c", "cl", "cla", "claude", "g pro", "mini 3", "東京", "ünï", "x", "zzz", "Gemini"] {
            for sort in ModelPickerState.Sort.allCases {
                picker.query = query
                picker.sort = sort
                #expect(picker.visibleModels(in: catalog).map(\.id) == Self.reference(picker, catalog), "'\(query)' by \(sort)")
            }
        }
    }

    @Test func typingNarrowsToExactlyWhatAFreshFilterFinds() {
        let catalog = Self.catalog(2_000, seed: 11)
        var picker = ModelPickerState()
        let steps = ["g", "ge", "gem", "gemi", "gemin", "gemini", "gemini ", "gemini f", "gemini fl", "gemini flash", "gemini f",
                     "gemini ", "gem", "gemini pro", "q", "q m", "q mi", "q mini 2", "Q MINI 2", "東", "東京 a"]
        for step in steps {
            picker.query = step
            let typed = picker.models(in: catalog)
            let fresh = picker.models(in: catalog.map { $0 })  // another array: a new index, nothing cached
            #expect(typed.count == fresh.count, "'\(step)'")
            // Read the typed list in pieces, out of order, as paging does; the fresh one whole.
            var pieces: [ModelInfo] = []
            for start in stride(from: 0, to: typed.count, by: 37).reversed() { pieces = typed.models(start..<(start + 37)) + pieces }
            #expect(pieces.map(\.id) == fresh.models(0..<fresh.count).map(\.id), "'\(step)'")
            #expect(pieces.map(\.id) == Self.reference(picker, catalog), "'\(step)'")
        }
    }

    @Test func positionsAreWhereTheFullListHasThem() {
        let catalog = Self.catalog(1_500, seed: 5)
        var picker = ModelPickerState()
        picker.sort = .price
        let full = Self.reference(picker, catalog)
        let list = picker.models(in: catalog)
        for id in [full[0], full[700], full[1_499], catalog[3].id] {
            #expect(list.position(of: id) == full.firstIndex(of: id))
        }
        #expect(list.position(of: "no/such-model") == nil)
        #expect(list.model(at: 1_500) == nil)
        picker.query = "flash"
        let filtered = picker.models(in: catalog)
        let outside = try? #require(catalog.first { FuzzyMatcher.matchWords("flash", in: $0.id + " " + $0.name) == nil })
        #expect(filtered.position(of: outside?.id ?? "") == nil)
    }

    @Test func theLazyOrderHoldsWhatASortHolds() {
        var rng = Seeded(9)
        for n in [0, 1, 2, 25, 26, 300, 5_000] {
            let keys = Array(Set((0..<n).map { _ in UInt64(rng.next(1_000_000_000)) }))
            let sorted = keys.sorted()
            var order = LazyOrder(keys)
            for _ in 0..<20 where !keys.isEmpty {
                let a = rng.next(keys.count), b = min(keys.count, a + rng.next(50))
                order.ensure(a..<b)
                #expect(Array(order.keys[a..<b]) == Array(sorted[a..<b]))
                let p = rng.next(keys.count)
                #expect(order.key(at: p) == sorted[p])
                #expect(order.rank(of: sorted[p]) == p)
            }
            order.ensure(0..<keys.count)
            #expect(order.keys == sorted)
        }
    }

    @Test func theStatusBarFindsTheModelThroughTheIndex() {
        let catalog = Self.catalog(300, seed: 1)
        CatalogIndex.prepare(catalog)
        _ = CatalogIndex.of(catalog)  // waits for the background build
        var state = AppState(size: Size(width: 80, height: 24), session: Session(id: "s", createdAt: Date(), model: catalog[123].id),
                             demo: false, theme: "dark", now: Date())
        state.catalog = catalog
        #expect(CatalogIndex.ifReady(state.catalog) != nil)
        #expect(state.modelInfo?.id == catalog[123].id)
        state.session.model = "no/such"
        #expect(state.modelInfo == nil)
    }

    @Test func ctrlPReadsTheCatalogCacheOnlyWhenNoFreshCatalogIsLoaded() {
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var state = AppState(size: Size(width: 100, height: 30), session: Session(id: "s", createdAt: now), demo: false, theme: "dark", now: now)
        #expect(Reducer.reduce(&state, .input(.key(.ctrl("p"))), env) == [.loadCatalog(refresh: false)], "nothing loaded yet")
        _ = Reducer.reduce(&state, .input(.key(Key(.escape))), env)
        let catalog = Self.catalog(50, seed: 2)
        _ = Reducer.reduce(&state, .catalogLoaded(CatalogSnapshot(fetchedAt: now.addingTimeInterval(-60), baseURL: "x", models: catalog)), env)
        let identity = state.catalog.withUnsafeBufferPointer { $0.baseAddress }
        #expect(Reducer.reduce(&state, .input(.key(.ctrl("p"))), env).isEmpty, "a catalog read a minute ago is not read again")
        // The same cached catalog arriving again keeps the array (and so the picker's index).
        _ = Reducer.reduce(&state, .catalogLoaded(CatalogSnapshot(fetchedAt: now.addingTimeInterval(-60), baseURL: "x", models: catalog.map { $0 })), env)
        #expect(state.catalog.withUnsafeBufferPointer { $0.baseAddress } == identity)
        _ = Reducer.reduce(&state, .input(.key(Key(.escape))), env)
        state.now = now.addingTimeInterval(7 * 3600)
        #expect(Reducer.reduce(&state, .input(.key(.ctrl("p"))), env) == [.loadCatalog(refresh: false)], "a stale one is")
    }
}
