import Foundation

/// Usage and limits of the API key (`GET /key`).
public struct KeyInfo: Decodable, Sendable, Equatable {
    public var label: String?
    /// Credit limit in USD; nil means unlimited.
    public var limit: Decimal?
    public var limitRemaining: Decimal?
    public var limitReset: String?
    public var usage: Decimal?
    public var usageDaily: Decimal?
    public var usageWeekly: Decimal?
    public var usageMonthly: Decimal?
    public var isFreeTier: Bool?

    enum CodingKeys: String, CodingKey {
        case label, limit, limitRemaining = "limit_remaining", limitReset = "limit_reset", usage
        case usageDaily = "usage_daily", usageWeekly = "usage_weekly", usageMonthly = "usage_monthly"
        case isFreeTier = "is_free_tier"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = c.lenient(String.self, .label)
        limit = c.lenient(Decimal.self, .limit)
        limitRemaining = c.lenient(Decimal.self, .limitRemaining)
        limitReset = c.lenient(String.self, .limitReset)
        usage = c.lenient(Decimal.self, .usage)
        usageDaily = c.lenient(Decimal.self, .usageDaily)
        usageWeekly = c.lenient(Decimal.self, .usageWeekly)
        usageMonthly = c.lenient(Decimal.self, .usageMonthly)
        isFreeTier = c.lenient(Bool.self, .isFreeTier)
    }

    public init(label: String? = nil, limit: Decimal? = nil, limitRemaining: Decimal? = nil, usage: Decimal? = nil) {
        self.label = label
        self.limit = limit
        self.limitRemaining = limitRemaining
        self.usage = usage
    }

    /// Decodes `{"data": {...}}`.
    public static func decode(_ data: Data) throws -> KeyInfo {
        struct Envelope: Decodable { var data: KeyInfo }
        return try JSONDecoder().decode(Envelope.self, from: data).data
    }
}
