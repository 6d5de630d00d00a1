import Foundation
import PrismCore

/// The picker's models for one query, sort, favourites and recents: counted at once,
/// put in order only where rows are shown.
///
/// Every matching model gets one 64-bit key whose order is the picker's order:
/// favourites, then recents (most recent first), then the rest; within each, the sort
/// (match score then id for relevance while a query is typed, else the catalog index's
/// precomputed rank for the sort, ties broken by id). The rank in the low bits also
/// names the model, so the keys alone are the list, and `LazyOrder` sorts only the
/// stretches that are drawn or asked for.
final class ModelList: @unchecked Sendable {
    struct Key: Equatable {
        var query: String
        var sort: ModelPickerState.Sort
        var favourites: Set<String>
        var recents: [String]
        /// The draft and thread the estimate sort prices; nil for every other sort.
        var basis: EstimateBasis?
    }

    private let index: CatalogIndex
    private let lock = NSLock()
    private var order: LazyOrder
    /// Model by rank: the id order for relevance, else the sort's order.
    private let byRank: [Int32]
    /// Rank of each model (the inverse of `byRank`).
    private let ranks: [Int32]

    private static let rankBits: UInt64 = 30
    private static let scoreBias: Int64 = 1 << 23

    init(index: CatalogIndex, key: Key, matches: CatalogIndex.Matches?) {
        self.index = index
        let count = index.catalog.count
        // Favourites and recents, marked by model index (a model may appear under several ids).
        var special = [UInt16](repeating: 0, count: count)
        for id in key.favourites { for m in index.models(id: id) { special[m] = 1 } }
        for (position, id) in key.recents.enumerated() {
            for m in index.rows(id: id) where special[m] == 0 { special[m] = 2 + UInt16(min(position, 255)) }
        }
        let querying = matches != nil
        let ranks: [Int32]
        if key.sort == .estimate {
            let estimated = index.estimateOrder(key.basis ?? ModelPickerState.emptyBasis)
            ranks = estimated.rank
            byRank = estimated.order
        } else {
            ranks = key.sort == .relevance ? index.idRank : index.modeRank[key.sort] ?? index.idRank
            byRank = key.sort == .relevance ? index.idOrder : index.modeOrder[key.sort] ?? index.idOrder
        }
        self.ranks = ranks
        let relevance = key.sort == .relevance && querying
        func keyOf(_ m: Int) -> UInt64 {
            let s = special[m]
            let group: UInt64 = s == 0 ? 2 : (s == 1 ? 0 : 1)
            let recent: UInt64 = s >= 2 ? UInt64(s - 2) : 0
            return group << 62 | recent << 54 | UInt64(ranks[m])
        }
        var keys: [UInt64] = []
        let twins = index.hiddenCount > 0 ? index.freeTwinBase : nil
        if let matches {
            keys.reserveCapacity(matches.models.count)
            // A matching free twin lists its base row (once), so a search for "free" finds it.
            var listed = twins.map { _ in [Bool](repeating: false, count: count) }
            for (found, score) in zip(matches.models, matches.scores) {
                var m = found
                if let twins, twins[Int(found)] >= 0 { m = twins[Int(found)] }
                if listed != nil {
                    if listed![Int(m)] { continue }
                    listed![Int(m)] = true
                }
                var k = keyOf(Int(m))
                if relevance {
                    let bounded = Swift.max(-Self.scoreBias + 1, Swift.min(Self.scoreBias - 1, Int64(score)))
                    k |= UInt64(Self.scoreBias - bounded) << Self.rankBits
                }
                keys.append(k)
            }
        } else {
            keys = twins.map { twins in (0..<count).filter { twins[$0] < 0 }.map(keyOf) } ?? (0..<count).map(keyOf)
        }
        order = LazyOrder(keys)
    }

    var count: Int { lock.withLock { order.count } }

    /// The models at `range` of the order (clamped).
    func models(_ range: Range<Int>) -> [ModelInfo] {
        lock.withLock {
            let range = range.clamped(to: 0..<order.count)
            order.ensure(range)
            let mask: UInt64 = (1 << Self.rankBits) - 1
            return range.map { index.catalog[Int(byRank[Int(order.keys[$0] & mask)])] }
        }
    }

    /// The model at `position` of the order.
    func model(at position: Int) -> ModelInfo? { models(position..<(position + 1)).first }

    /// Where the first model with this id sits in the order, if it is listed.
    func position(of id: String) -> Int? {
        lock.withLock {
            let mask: UInt64 = (1 << Self.rankBits) - 1
            let wanted = index.models(id: id).map { UInt64(ranks[$0]) }
            guard !wanted.isEmpty else { return nil }
            var found: UInt64?
            for k in order.keys where wanted.contains(k & mask) { found = Swift.min(found ?? k, k) }
            return found.map(order.rank(of:))
        }
    }
}
