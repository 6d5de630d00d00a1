import Foundation
import PrismCore

extension CatalogIndex {
    /// Models ordered by what the draft and thread of `basis` would cost in input on each
    /// (unknown prices last, ties broken by id), and each model's rank in that order.
    ///
    /// Made when the picker lists by this sort; the list cache keeps it while the basis stays.
    func estimateOrder(_ basis: EstimateBasis) -> (order: [Int32], rank: [Int32]) {
        var keyed = catalog.indices.map { (ModelPickerState.estimateKey(catalog[$0], basis: basis), idRank[$0], Int32($0)) }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        let order = keyed.map(\.2)
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, model) in order.enumerated() { rank[Int(model)] = Int32(position) }
        return (order, rank)
    }
}
