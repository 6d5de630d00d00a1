import Foundation

/// How a model's providers are listed: cheapest, fastest, quickest to answer or most
/// reliable first. Unknown figures always go last, whichever way the list is sorted.
///
/// This only orders a table; what OpenRouter is asked to prefer is `ProviderPreferences.sort`.
public enum EndpointSort: String, CaseIterable, Sendable {
    case price, throughput, latency, uptime

    /// A few words for a header: "cheapest first".
    public var caption: String {
        switch self {
        case .price: "cheapest first"
        case .throughput: "fastest output first"
        case .latency: "quickest first token first"
        case .uptime: "most reliable first"
        }
    }

    /// The next sort, for a key that cycles them.
    public var next: EndpointSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// The endpoints in this order; ties (and the unknown) keep the answer's order.
    public func sorted(_ endpoints: [ProviderEndpoint]) -> [ProviderEndpoint] {
        endpoints.enumerated().sorted { a, b in
            let (x, y) = (key(a.element), key(b.element))
            switch (x, y) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The figure compared, smaller first (throughput and uptime negated).
    private func key(_ e: ProviderEndpoint) -> Double? {
        switch self {
        case .price:
            guard let p = e.pricing.prompt, let c = e.pricing.completion, p >= 0, c >= 0 else { return nil }
            return NSDecimalNumber(decimal: p + c).doubleValue
        case .throughput: return e.throughput?.p50.map { -$0 }
        case .latency: return e.latency?.p50
        case .uptime: return e.uptime30m.map { -$0 }
        }
    }
}
