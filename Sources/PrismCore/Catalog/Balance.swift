import Foundation

/// How much credit is left: the account's balance (`GET /credits`), or, when that is
/// refused (it may need a management key), what is left of the key's own limit (`/key`).
public struct Balance: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// `/credits`: total bought minus total used, for the whole account.
        case account
        /// `/key`'s `limit_remaining`: only this key's limit, not the account's balance.
        case keyLimit = "key_limit"
    }

    public var source: Source
    /// USD bought (account) or the key's limit.
    public var total: Decimal?
    /// USD used (account) or used on this key.
    public var used: Decimal?
    public var remaining: Decimal

    public init(source: Source, total: Decimal?, used: Decimal?, remaining: Decimal) {
        self.source = source
        self.total = total
        self.used = used
        self.remaining = remaining
    }

    /// "$12.34 left", or "key: $3.10 left" when it is the key's limit.
    public var shortText: String {
        (source == .keyLimit ? "key: " : "") + Formatting.usd(remaining) + " left"
    }

    /// The account's balance from a `/credits` body (`{"data":{"total_credits","total_usage"}}`).
    public static func decodeCredits(_ data: Data) throws -> Balance {
        struct Fields: Decodable {
            var total: Decimal?
            var used: Decimal?
            enum CodingKeys: String, CodingKey { case total = "total_credits", used = "total_usage" }
            init(from decoder: any Decoder) throws {
                let c = try decoder.container(keyedBy: CodingKeys.self)
                total = c.lenientDecimal(.total)
                used = c.lenientDecimal(.used)
            }
        }
        struct Envelope: Decodable { var data: Fields }
        let fields = try JSONDecoder().decode(Envelope.self, from: data).data
        guard let total = fields.total else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no total_credits"))
        }
        let used = fields.used ?? 0
        return Balance(source: .account, total: total, used: used, remaining: total - used)
    }

    /// What is left of the key's limit, or nil when the key has no limit (or `/key` did not say).
    public static func keyLimit(_ info: KeyInfo) -> Balance? {
        guard let remaining = info.limitRemaining else { return nil }
        return Balance(source: .keyLimit, total: info.limit, used: info.usage, remaining: remaining)
    }
}

extension KeyedDecodingContainer {
    /// A decimal that may arrive as a JSON number or a numeric string; nil otherwise.
    func lenientDecimal(_ key: Key) -> Decimal? {
        if let value = lenient(Decimal.self, key) { return value }
        if let text = lenient(String.self, key) { return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
        return nil
    }
}
