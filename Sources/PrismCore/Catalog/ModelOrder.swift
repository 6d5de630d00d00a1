import Foundation

/// The orders the catalog can be listed in, shared by `prism models` and the picker.
public enum ModelOrder: String, CaseIterable, Sendable {
    case price, context, newest, name

    /// Whether `a` comes before `b`. Unknown prices (router models) sort after every known
    /// one rather than as free; ties fall back to the id so the order is stable.
    public func areInIncreasingOrder(_ a: ModelInfo, _ b: ModelInfo) -> Bool {
        switch self {
        case .price:
            let pa = a.pricing.prompt.map { $0 + (a.pricing.completion ?? 0) }
            let pb = b.pricing.prompt.map { $0 + (b.pricing.completion ?? 0) }
            switch (pa, pb) {
            case let (x?, y?): return x == y ? a.id < b.id : x < y
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): return a.id < b.id
            }
        case .context:
            let ca = a.contextLength ?? 0, cb = b.contextLength ?? 0
            return ca == cb ? a.id < b.id : ca > cb
        case .newest:
            let da = a.created ?? .distantPast, db = b.created ?? .distantPast
            return da == db ? a.id < b.id : da > db
        case .name:
            let na = a.name.lowercased(), nb = b.name.lowercased()
            return na == nb ? a.id < b.id : na < nb
        }
    }
}
