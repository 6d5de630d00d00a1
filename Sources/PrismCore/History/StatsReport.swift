import Foundation

/// The time ranges of the analytics view and `prism stats`.
public enum StatsRange: String, CaseIterable, Codable, Sendable {
    case today, week = "7d", month = "30d", all

    /// The first instant counted (local midnight for today; nil for all time).
    public func start(now: Date, calendar: Calendar = .current) -> Date? {
        let midnight = calendar.startOfDay(for: now)
        switch self {
        case .today: return midnight
        case .week: return calendar.date(byAdding: .day, value: -6, to: midnight)
        case .month: return calendar.date(byAdding: .day, value: -29, to: midnight)
        case .all: return nil
        }
    }

    /// The next range, for a key that cycles them.
    public var next: StatsRange {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// One day of history: what it cost and how many requests and errors it had.
public struct StatsDay: Sendable, Equatable, Codable {
    /// Local midnight of the day.
    public var day: Date
    public var requests: Int
    public var errors: Int
    /// Known costs only, in USD.
    public var cost: Decimal

    public init(day: Date, requests: Int, errors: Int, cost: Decimal) {
        self.day = day
        self.requests = requests
        self.errors = errors
        self.cost = cost
    }
}

/// The figures of one model, provider, tag or day within a range.
public struct StatsGroup: Sendable, Equatable, Codable {
    public var name: String
    public var requests: Int
    /// Of all requests in the range, 0...1.
    public var share: Double
    /// Sum of the known costs, USD.
    public var totalCost: Decimal
    /// Average over the replies whose cost is known; nil when none is.
    public var averageCost: Decimal?
    /// Seconds to the first token, over replies that produced one.
    public var ttftP50: Double?
    public var ttftP95: Double?
    /// Output tokens per second (only measurable replies), median.
    public var tokensPerSecondP50: Double?
    /// Failed replies over all (cancelled ones excluded), 0...1.
    public var errorRate: Double
    /// One line about the newest failure, and when it happened.
    public var lastError: String?
    public var lastErrorAt: Date?

    public init(name: String, requests: Int, share: Double, totalCost: Decimal, averageCost: Decimal? = nil,
                ttftP50: Double? = nil, ttftP95: Double? = nil, tokensPerSecondP50: Double? = nil,
                errorRate: Double = 0, lastError: String? = nil, lastErrorAt: Date? = nil) {
        self.name = name
        self.requests = requests
        self.share = share
        self.totalCost = totalCost
        self.averageCost = averageCost
        self.ttftP50 = ttftP50
        self.ttftP95 = ttftP95
        self.tokensPerSecondP50 = tokensPerSecondP50
        self.errorRate = errorRate
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
    }
}

/// Everything the analytics view and `prism stats` show for one range, computed from the
/// reply history in `prism.db`.
public struct StatsReport: Sendable, Equatable, Codable {
    public var range: StatsRange
    /// The first instant counted (the range's start, or the date of `prism stats --since 2026-11-01`); nil: all time.
    public var since: Date?
    public var generatedAt: Date
    /// Every day of the range, oldest first, days without requests included (for the charts);
    /// for `all`, from the first recorded day.
    public var days: [StatsDay]
    /// Most requests first.
    public var models: [StatsGroup]
    public var providers: [StatsGroup]
    public var tags: [StatsGroup]
    public var requests: Int
    public var errors: Int
    public var cost: Decimal
    /// Replies whose cost is not known (not counted in `cost`).
    public var unknownCost: Int

    public init(range: StatsRange, since: Date? = nil, generatedAt: Date, days: [StatsDay] = [], models: [StatsGroup] = [],
                providers: [StatsGroup] = [], tags: [StatsGroup] = [], requests: Int = 0, errors: Int = 0,
                cost: Decimal = 0, unknownCost: Int = 0) {
        self.range = range
        self.since = since
        self.generatedAt = generatedAt
        self.days = days
        self.models = models
        self.providers = providers
        self.tags = tags
        self.requests = requests
        self.errors = errors
        self.cost = cost
        self.unknownCost = unknownCost
    }

    public var isEmpty: Bool { requests == 0 }
}

/// Where the chat screen gets its analytics (the reply history in `prism.db`; tests give fixtures).
public protocol StatsSource: Sendable {
    func report(range: StatsRange, now: Date) throws -> StatsReport
}
