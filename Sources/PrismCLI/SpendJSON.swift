import Foundation
import PrismCore

/// `prism spend --json`: field names are part of the interface (pinned by a test).
/// Amounts are USD numbers, written exactly by `JSONEncoder`'s `Decimal` (never in exponent form).
struct SpendJSON: Encodable {
    struct Part: Encodable {
        var requests: Int
        var cost: Decimal
    }

    struct InFlight: Encodable {
        var requests: Int
        var reserved: Decimal
    }

    struct Row: Encodable {
        var key: String
        var requests: Int
        var cost: Decimal
        var average: Decimal?
        var estimated: Decimal

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(key, forKey: .key)
            try c.encode(requests, forKey: .requests)
            try c.encode(cost, forKey: .cost)
            if let average { try c.encode(average, forKey: .average) } else { try c.encodeNil(forKey: .average) }
            try c.encode(estimated, forKey: .estimated)
        }

        enum CodingKeys: String, CodingKey { case key, requests, cost, average, estimated }
    }

    struct Model: Encodable {
        var model: String
        var requests: Int
        var cost: Decimal
    }

    var from: String?
    var to: String
    var by: String
    var total: Decimal
    var requests: Int
    var freeRequests: Int
    var average: Decimal?
    var estimated: Decimal
    var imported: Decimal
    var costSources: [String: Part]
    var inFlight: InFlight
    var topModels: [Model]
    var rows: [Row]

    init(_ report: SpendReport) {
        from = report.from.map(SpendOutput.day)
        to = SpendOutput.day(report.to)
        by = report.grouping.rawValue
        total = report.total
        requests = report.requests
        freeRequests = report.freeRequests
        average = report.average.map(Self.rounded)
        estimated = report.estimated
        imported = report.imported
        costSources = Dictionary(uniqueKeysWithValues: SpendEntry.CostSource.allCases.map { source in
            let part = report.bySource[source] ?? (0, 0)
            return (source.rawValue, Part(requests: part.requests, cost: part.cost))
        })
        inFlight = InFlight(requests: report.inFlight, reserved: report.reserved)
        topModels = report.topModels.map { Model(model: $0.key, requests: $0.requests, cost: $0.cost) }
        rows = report.rows.map { Row(key: $0.key, requests: $0.requests, cost: $0.cost, average: $0.average.map(Self.rounded),
                                     estimated: $0.estimated) }
    }

    /// An average to the pico-dollar (a division can run to 38 digits).
    static func rounded(_ value: Decimal) -> Decimal {
        var value = value, result = Decimal()
        NSDecimalRound(&result, &value, 12, .plain)
        return result
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let from { try c.encode(from, forKey: .from) } else { try c.encodeNil(forKey: .from) }
        try c.encode(to, forKey: .to)
        try c.encode(by, forKey: .by)
        try c.encode(total, forKey: .total)
        try c.encode(requests, forKey: .requests)
        try c.encode(freeRequests, forKey: .freeRequests)
        if let average { try c.encode(average, forKey: .average) } else { try c.encodeNil(forKey: .average) }
        try c.encode(estimated, forKey: .estimated)
        try c.encode(imported, forKey: .imported)
        try c.encode(costSources, forKey: .costSources)
        try c.encode(inFlight, forKey: .inFlight)
        try c.encode(topModels, forKey: .topModels)
        try c.encode(rows, forKey: .rows)
    }

    enum CodingKeys: String, CodingKey {
        case from, to, by, total, requests, freeRequests = "free_requests", average, estimated, imported
        case costSources = "cost_sources", inFlight = "in_flight", topModels = "top_models", rows
    }
}
