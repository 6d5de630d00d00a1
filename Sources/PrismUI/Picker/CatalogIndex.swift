import Foundation
import PrismCore

/// What the picker precomputes about one catalog, so a key costs a frame with 200,000 models.
///
/// Built once per catalog (in the background as soon as the catalog arrives): every
/// model's search text lowercased into one byte buffer with word starts marked, the rank
/// of every model in each sort order (ties broken by id, as `ModelOrder` does), and an id
/// lookup. Query results and ordered lists are cached here too (see `ModelList`), so the
/// reducer and the renderer asking for the same list in one frame share the work, typing
/// narrows the previous query's matches instead of scanning the catalog, and Backspace
/// finds the shorter query's list again.
///
/// A catalog is recognised by its array storage: the index keeps the array, so that
/// storage can neither be freed and reused nor changed in place while the index lives.
final class CatalogIndex: @unchecked Sendable {
    let catalog: [ModelInfo]
    /// Lowercased `id + " " + name` of every model, one after another.
    let text: [UInt8]
    /// Nonzero where a word starts in `text` (the start, after `/-:._ `, a lower-to-upper change).
    let starts: [UInt8]
    /// Where each model's text begins in `text`; one extra entry for the end.
    let offsets: [Int]
    /// Models whose search text is not ASCII: matched by `FuzzyMatcher` on Characters.
    let isUnicode: [Bool]
    /// Rank of each model in the id order, and the models in that order.
    let idRank: [Int32]
    let idOrder: [Int32]
    /// The same for price, context, newest and name (each tie broken by id).
    let modeRank: [ModelPickerState.Sort: [Int32]]
    let modeOrder: [ModelPickerState.Sort: [Int32]]
    /// The first model with each id, and every model of an id that several share.
    let byID: [String: Int]
    let sharedIDs: [String: [Int]]

    let lock = NSLock()
    /// Matches per query (most recent last), for narrowing and for Backspace.
    var matches: [(query: String, result: Matches)] = []
    var lists: [(key: ModelList.Key, list: ModelList)] = []
    var scorer = FuzzyScorer()

    /// The models that match a query, in catalog order, with their scores.
    struct Matches {
        var models: [Int32]
        var scores: [Int32]
    }

    init(_ catalog: [ModelInfo]) {
        self.catalog = catalog
        var text: [UInt8] = [], starts: [UInt8] = [], offsets: [Int] = [0]
        var isUnicode = [Bool](repeating: false, count: catalog.count)
        text.reserveCapacity(catalog.count * 64)
        starts.reserveCapacity(catalog.count * 64)
        offsets.reserveCapacity(catalog.count + 1)
        for (i, model) in catalog.enumerated() {
            var previous: UInt8 = 0
            var isASCII = true
            for source in [model.id.utf8, " ".utf8, model.name.utf8] {
                for b in source {
                    if b >= 0x80 { isASCII = false }
                    let isUpper = b >= 0x41 && b <= 0x5A
                    let isLowerPrevious = previous >= 0x61 && previous <= 0x7A
                    let boundary = text.count == offsets[i] || Self.separators.contains(previous) || (isLowerPrevious && isUpper)
                    text.append(isUpper ? b + 0x20 : b)
                    starts.append(boundary ? 1 : 0)
                    previous = b
                }
            }
            isUnicode[i] = !isASCII
            offsets.append(text.count)
        }
        self.text = text
        self.starts = starts
        self.offsets = offsets
        self.isUnicode = isUnicode

        let ids = catalog.map(\.id)
        let idOrder = Self.order(catalog.count) { a, b in ids[a] != ids[b] ? ids[a] < ids[b] : a < b }
        idRank = Self.ranks(idOrder)
        self.idOrder = idOrder
        var modeRank: [ModelPickerState.Sort: [Int32]] = [:], modeOrder: [ModelPickerState.Sort: [Int32]] = [:]
        let byID = idRank
        func put(_ sort: ModelPickerState.Sort, _ order: [Int32]) {
            modeOrder[sort] = order
            modeRank[sort] = Self.ranks(order)
        }
        let prices = catalog.map { m in m.pricing.prompt.map { NSDecimalNumber(decimal: $0 + (m.pricing.completion ?? 0)).doubleValue } }
        put(.price, Self.order(catalog.count) { a, b in
            switch (prices[a], prices[b]) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return byID[a] < byID[b]
            }
        })
        let contexts = catalog.map { $0.contextLength ?? 0 }
        put(.context, Self.order(catalog.count) { a, b in contexts[a] != contexts[b] ? contexts[a] > contexts[b] : byID[a] < byID[b] })
        let dates = catalog.map { ($0.created ?? .distantPast).timeIntervalSinceReferenceDate }
        put(.newest, Self.order(catalog.count) { a, b in dates[a] != dates[b] ? dates[a] > dates[b] : byID[a] < byID[b] })
        let names = catalog.map { $0.name.lowercased() }
        put(.name, Self.order(catalog.count) { a, b in names[a] != names[b] ? names[a] < names[b] : byID[a] < byID[b] })
        self.modeRank = modeRank
        self.modeOrder = modeOrder
        var first: [String: Int] = [:], shared: [String: [Int]] = [:]
        first.reserveCapacity(catalog.count)
        for (i, id) in ids.enumerated() {
            if let existing = first[id] {
                shared[id, default: [existing]].append(i)
            } else {
                first[id] = i
            }
        }
        self.byID = first
        self.sharedIDs = shared
    }

    private static let separators: Set<UInt8> = Set("/-:._ ".utf8)

    private static func order(_ count: Int, _ less: (Int, Int) -> Bool) -> [Int32] {
        (0..<count).sorted(by: less).map { Int32($0) }
    }

    private static func ranks(_ order: [Int32]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, model) in order.enumerated() { rank[Int(model)] = Int32(position) }
        return rank
    }

    /// The model with this id (the first, if several share it).
    func model(id: String) -> ModelInfo? { byID[id].map { catalog[$0] } }

    /// Every model with this id.
    func models(id: String) -> [Int] { sharedIDs[id] ?? byID[id].map { [$0] } ?? [] }

    // MARK: - Finding the index of a catalog

    private struct Identity: Hashable {
        let base: UInt
        let count: Int
    }

    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var index: CatalogIndex?
        /// Set while a background build runs.
        var build: DispatchGroup?
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [(identity: Identity, slot: Slot)] = []
    /// Catalogs kept indexed: the app has one; tests build many small ones side by side.
    private static let kept = 6

    private static func identity(of catalog: [ModelInfo]) -> Identity {
        Identity(base: catalog.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }, count: catalog.count)
    }

    private static func slot(for catalog: [ModelInfo]) -> (slot: Slot, isNew: Bool) {
        let id = identity(of: catalog)
        return registryLock.withLock {
            if let i = registry.firstIndex(where: { $0.identity == id }) {
                let entry = registry.remove(at: i)
                registry.append(entry)
                return (entry.slot, false)
            }
            let slot = Slot()
            registry.append((id, slot))
            if registry.count > kept { registry.removeFirst() }
            return (slot, true)
        }
    }

    /// The index of `catalog`, built now unless a background build has it (or is finishing it).
    static func of(_ catalog: [ModelInfo]) -> CatalogIndex {
        let (slot, _) = slot(for: catalog)
        while true {
            let (index, build) = slot.lock.withLock { (slot.index, slot.build) }
            if let index { return index }
            guard let build else { break }
            build.wait()
        }
        let index = CatalogIndex(catalog)
        return slot.lock.withLock {
            if slot.index == nil { slot.index = index }
            return slot.index!
        }
    }

    /// The index of `catalog` if it is ready, without waiting or building.
    static func ifReady(_ catalog: [ModelInfo]) -> CatalogIndex? {
        let id = identity(of: catalog)
        let slot = registryLock.withLock { registry.first(where: { $0.identity == id })?.slot }
        return slot.map { slot in slot.lock.withLock { slot.index } } ?? nil
    }

    /// Starts building the index of a catalog that just arrived, off the UI thread.
    static func prepare(_ catalog: [ModelInfo]) {
        guard !catalog.isEmpty else { return }
        let (slot, isNew) = slot(for: catalog)
        guard isNew else { return }
        let group = DispatchGroup()
        group.enter()
        slot.lock.withLock { slot.build = group }
        DispatchQueue.global(qos: .userInitiated).async {
            let index = CatalogIndex(catalog)
            slot.lock.withLock {
                if slot.index == nil { slot.index = index }
                slot.build = nil
            }
            group.leave()
        }
    }
}
