import Foundation
import PrismCore

/// The provider table of one model: its providers as fetched, the view's sort and
/// highlight, and the routing being edited (`draft`) next to what is saved.
///
/// Nothing is written until the user saves; closing any other way leaves `routing.json` as it was.
public struct ProviderTableState: Sendable, Equatable {
    public enum Load: Sendable, Equatable {
        case loading
        /// `stale`: the fetch failed and this older cached copy answered.
        case loaded(ModelEndpoints, stale: Bool)
        case failed(String)
    }

    public var model: String
    public var load: Load = .loading
    /// How the rows are listed (pinned providers always come first, in pin order).
    public var sort: EndpointSort = .price
    public var selection = 0
    /// The routing as edited; saved only on `save`.
    public var draft = ProviderPreferences()
    /// The routing saved for the model when the table opened (nil: none, or not read yet).
    public var saved: ProviderPreferences?
    /// The saved routing has been read; edits wait for it, so it never overwrites them.
    public var routingRead = false
    /// The max price field, while open: "IN OUT" in USD per million tokens.
    public var priceField: PromptEditor?
    /// Where the keys go back to on closing (the picker when opened from it).
    var returnFocus: AppState.Focus

    init(model: String, returnFocus: AppState.Focus) {
        self.model = model
        self.returnFocus = returnFocus
    }

    /// The providers as fetched, nil while loading or failed.
    public var endpoints: [ProviderEndpoint]? {
        if case .loaded(let loaded, _) = load { return loaded.endpoints }
        return nil
    }

    /// The rows in order: pinned providers first, in the order they are tried, then the rest by `sort`.
    public var rows: [ProviderEndpoint] {
        let sorted = sort.sorted(endpoints ?? [])
        let pinned = sorted.compactMap { e -> (Int, ProviderEndpoint)? in
            if case .pinned(let n)? = draft.role(of: e) { return (n, e) }
            return nil
        }.sorted { $0.0 < $1.0 }.map(\.1)
        let pinnedSlugs = Set(pinned.map(\.routingSlug))
        return pinned + sorted.filter { !pinnedSlugs.contains($0.routingSlug) }
    }

    public var selectedRow: ProviderEndpoint? {
        let rows = self.rows
        return rows.indices.contains(selection) ? rows[selection] : nil
    }

    /// The quantizations the table shows, in the order OpenRouter names them.
    public var quantizations: [String] {
        let present = Set((endpoints ?? []).compactMap(\.quantization))
        return ProviderPreferences.knownQuantizations.filter(present.contains) + present.subtracting(ProviderPreferences.knownQuantizations).sorted()
    }

    /// True when the draft differs from what is saved.
    public var isDirty: Bool { draft != (saved ?? ProviderPreferences()) }

    /// True when the draft keeps this provider out: excluded, outside the allowed list,
    /// another quantization, or above a max price.
    public func isRuledOut(_ e: ProviderEndpoint) -> Bool {
        if draft.role(of: e) == .excluded { return true }
        if let only = draft.only, !only.isEmpty, draft.role(of: e) != .allowed { return true }
        if let wanted = draft.quantizations, !wanted.isEmpty, !wanted.contains(e.quantization ?? "unknown") { return true }
        let million = Decimal(1_000_000)
        if let cap = draft.maxPrice?.prompt, let price = e.pricing.prompt, price * million > cap { return true }
        if let cap = draft.maxPrice?.completion, let price = e.pricing.completion, price * million > cap { return true }
        return false
    }

    // MARK: Edits of the draft

    /// Pins the provider (last in the order) or unpins it; a pinned provider is no longer excluded.
    mutating func togglePin(_ e: ProviderEndpoint) {
        var order = draft.order ?? []
        if case .pinned(let n)? = draft.role(of: e) {
            order.remove(at: n - 1)
        } else {
            order.append(e.routingSlug)
            draft.ignore = Self.removing(e, from: draft.ignore)
        }
        draft.order = order.isEmpty ? nil : order
    }

    /// Excludes the provider or lets it back in; an excluded provider is no longer pinned.
    mutating func toggleExclude(_ e: ProviderEndpoint) {
        if draft.role(of: e) == .excluded {
            draft.ignore = Self.removing(e, from: draft.ignore)
        } else {
            draft.order = Self.removing(e, from: draft.order)
            draft.ignore = (draft.ignore ?? []) + [e.routingSlug]
        }
    }

    /// Moves a pinned provider one place earlier (-1) or later (+1) in the order; false when it cannot move.
    mutating func movePin(_ e: ProviderEndpoint, by delta: Int) -> Bool {
        guard case .pinned(let n)? = draft.role(of: e), var order = draft.order else { return false }
        let from = n - 1, to = from + delta
        guard order.indices.contains(to) else { return false }
        order.swapAt(from, to)
        draft.order = order
        return true
    }

    /// Adds the quantization to the filter or takes it out (an empty filter is none).
    mutating func toggleQuantization(_ q: String) {
        var list = draft.quantizations ?? []
        if let i = list.firstIndex(of: q) { list.remove(at: i) } else { list.append(q) }
        draft.quantizations = list.isEmpty ? nil : list
    }

    /// Fallbacks on (OpenRouter's default, so nothing is sent) or off.
    mutating func toggleFallbacks() {
        draft.allowFallbacks = draft.allowFallbacks == false ? nil : false
    }

    /// None, then price, throughput, latency, then none again.
    mutating func cycleRoutingSort() {
        let cycle: [String?] = [nil] + ProviderPreferences.sorts.map { Optional($0) }
        let i = cycle.firstIndex(of: draft.sort) ?? 0
        draft.sort = cycle[(i + 1) % cycle.count]
    }

    mutating func toggleDataCollection() {
        draft.dataCollection = draft.dataCollection == "deny" ? nil : "deny"
    }

    mutating func toggleZDR() {
        draft.zdr = draft.zdr == true ? nil : true
    }

    private static func removing(_ e: ProviderEndpoint, from list: [String]?) -> [String]? {
        let names = Set([e.routingSlug, e.providerName].map { $0.lowercased() })
        let kept = (list ?? []).filter { !names.contains($0.lowercased()) }
        return kept.isEmpty ? nil : kept
    }
}

/// The max price field's text: "IN OUT" in USD per million tokens, "-" for no cap on one side.
enum MaxPriceText {
    /// The field's starting text for a draft's caps ("" when there are none).
    static func format(_ price: MaxPrice?) -> String {
        guard let price, price.prompt != nil || price.completion != nil else { return "" }
        return [price.prompt, price.completion].map { $0.map { "\($0)" } ?? "-" }.joined(separator: " ")
    }

    /// The caps typed, keeping the draft's other caps (request, image); empty clears both.
    /// Fails with a one-line reason for anything but one or two non-negative amounts or "-".
    static func parse(_ text: String, keeping old: MaxPrice?) -> Result<MaxPrice?, ParseError> {
        let words = text.split { $0 == " " || $0 == "/" || $0 == "," }.map(String.init)
        var price = old ?? MaxPrice()
        if words.isEmpty {
            price.prompt = nil
            price.completion = nil
        } else {
            guard words.count <= 2 else { return .failure(ParseError("max price: type IN OUT, two amounts at most (e.g. 0.5 2)")) }
            var amounts: [Decimal?] = []
            for word in words {
                let digits = word.hasPrefix("$") ? String(word.dropFirst()) : word
                if digits == "-" { amounts.append(nil); continue }
                guard digits.allSatisfy({ $0.isNumber || $0 == "." }), digits.contains(where: \.isNumber),
                      let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), value >= 0, value <= 10_000 else {
                    return .failure(ParseError("max price: '\(TerminalSanitizer.metadata(word))' is not an amount (USD per million tokens, e.g. 0.5 2)"))
                }
                amounts.append(value)
            }
            price.prompt = amounts[0]
            price.completion = amounts.count > 1 ? amounts[1] : amounts[0]
        }
        return .success(price == MaxPrice() ? nil : price)
    }

    struct ParseError: Error, Equatable {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
