import Foundation
import PrismCore

extension CatalogIndex {
    /// Models ordered by what the draft and thread of `basis` would cost in input on each
    /// (unknown prices last, ties broken by id), and each model's rank in that order.
    /// Call with `lock` held.
    ///
    /// Kept for the last basis, so typing a query in the picker (a new list per key) does
    /// not order the catalog again; prices are turned into numbers once per catalog.
    func estimateOrder(_ basis: EstimateBasis) -> (order: [Int32], rank: [Int32]) {
        if let kept = estimateCache, kept.basis == basis { return (kept.order, kept.rank) }
        if estimatePrices.count != catalog.count { estimatePrices = catalog.map { ModelPickerState.EstimatePrices($0) } }
        let images = basis.thread.pending.images + basis.draft.images
        // Tokens depend on the model only through its family's default ratio: worked out once per ratio.
        var tokensByRatio: [Double: Int] = [:]
        var keyed = catalog.indices.map { i -> (Double, Int32, Int32) in
            let ratio = basis.thread.calibratedRatio ?? estimatePrices[i].familyRatio
            let tokens = tokensByRatio[ratio] ?? {
                let t = basis.thread.exactTokens + (basis.thread.pending + basis.draft).tokens(bytesPerToken: ratio)
                tokensByRatio[ratio] = t
                return t
            }()
            return (ModelPickerState.estimateKey(estimatePrices[i], tokens: tokens, images: images), idRank[i], Int32(i))
        }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let order = keyed.map(\.2)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, model) in order.enumerated() { rank[Int(model)] = Int32(position) }
        estimateCache = (basis, order, rank)
        return (order, rank)
    }
}
