import Foundation

/// One request in the spend ledger, as `prism spend` reads it back.
public struct SpendEntry: Sendable, Equatable {
    /// Which front end sent the request (`import` for totals taken over from the old `spend.json`).
    public enum Source: String, Sendable, CaseIterable {
        case chat, compare, ask, `import`
    }

    /// Where the exact cost came from: the stream's `usage.cost`, `GET /generation`, or
    /// catalog prices times token counts (an estimate, shown with ≈).
    /// The same three sources a reply's usage records (`TokenUsage.costSource`).
    public typealias CostSource = PrismCore.CostSource

    /// reserved (in flight) → settled (exact cost known) or released (nothing spent);
    /// a reservation whose process died is expired and no longer counts.
    public enum State: String, Sendable {
        case reserved, settled, released, expired
    }

    public var id: Int64
    public var startedAt: Date
    public var model: String
    public var provider: String?
    public var sessionID: String?
    public var source: Source
    public var free: Bool
    public var state: State
    public var reserved: Decimal
    public var cost: Decimal?
    public var costSource: CostSource?

    public init(id: Int64, startedAt: Date, model: String, provider: String? = nil, sessionID: String? = nil,
                source: Source, free: Bool = false, state: State, reserved: Decimal = 0, cost: Decimal? = nil,
                costSource: CostSource? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.model = model
        self.provider = provider
        self.sessionID = sessionID
        self.source = source
        self.free = free
        self.state = state
        self.reserved = reserved
        self.cost = cost
        self.costSource = costSource
    }
}

/// What a request is, for the ledger: the model asked, and what is known when it starts.
public struct SpendRequest: Sendable, Equatable {
    public var model: String
    public var provider: String?
    public var sessionID: String?
    public var source: SpendEntry.Source
    /// A free model (`:free` id or zero prices): counted per minute and per day.
    public var free: Bool

    public init(model: String, provider: String? = nil, sessionID: String? = nil, source: SpendEntry.Source, free: Bool) {
        self.model = model
        self.provider = provider
        self.sessionID = sessionID
        self.source = source
        self.free = free
    }

    /// Free by `FreeTier`'s one rule (a `:free` variant, or all prices known and zero).
    public static func isFree(model: String, pricing: ModelPricing?) -> Bool {
        FreeTier.isFree(model: model, pricing: pricing)
    }
}

/// The ledger's handle on a reservation, to settle or release it.
public struct ReservationID: Sendable, Hashable {
    public var rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
}

extension CostSource {
    /// Where a finished reply's cost came from (nil: it reported none).
    public static func of(_ usage: TokenUsage?) -> CostSource? {
        usage?.source
    }
}
