import Foundation

/// Timing helpers: every figure is the median of several runs after a warm-up.
///
/// Benchmarks only print what they measure; nothing here asserts or fails on timing.
enum Measure {
    static let clock = ContinuousClock()

    /// Runs `body` `warmup` times untimed, then `runs` times timed; returns the durations.
    static func repeated(runs: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Samples {
        for _ in 0..<warmup { try body() }
        var durations: [Duration] = []
        durations.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = clock.now
            try body()
            durations.append(clock.now - start)
        }
        return Samples(durations)
    }

    /// Runs several operations round-robin (one warm-up round untimed), so slow drift in
    /// the machine's speed affects them all alike; returns one `Samples` per operation.
    static func interleaved(runs: Int, _ operations: [() throws -> Void]) throws -> [Samples] {
        for op in operations { try op() }
        var durations = Array(repeating: [Duration](), count: operations.count)
        for _ in 0..<runs {
            for (i, op) in operations.enumerated() {
                let start = clock.now
                try op()
                durations[i].append(clock.now - start)
            }
        }
        return durations.map(Samples.init)
    }

    /// The async form of `repeated`.
    static func repeatedAsync(runs: Int, warmup: Int = 1, _ body: () async throws -> Void) async rethrows -> Samples {
        for _ in 0..<warmup { try await body() }
        var durations: [Duration] = []
        durations.reserveCapacity(runs)
        for _ in 0..<runs {
            let start = clock.now
            try await body()
            durations.append(clock.now - start)
        }
        return Samples(durations)
    }
}

/// Durations of several runs, sorted, with the statistics the tables show.
struct Samples {
    /// Seconds, ascending.
    let seconds: [Double]

    init(_ durations: [Duration]) {
        seconds = durations.map(\.seconds).sorted()
    }

    init(seconds values: [Double]) {
        seconds = values.sorted()
    }

    var count: Int { seconds.count }
    var min: Double { seconds.first ?? .nan }
    var max: Double { seconds.last ?? .nan }

    var median: Double {
        guard !seconds.isEmpty else { return .nan }
        let mid = seconds.count / 2
        return seconds.count % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2
    }

    /// Nearest-rank 90th percentile.
    var p90: Double { percentile(0.9) }

    func percentile(_ p: Double) -> Double {
        guard !seconds.isEmpty else { return .nan }
        let rank = Int((p * Double(seconds.count)).rounded(.up))
        return seconds[Swift.max(0, Swift.min(seconds.count - 1, rank - 1))]
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Keeps the optimiser from discarding work whose result is otherwise unused.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Number formatting for the tables.
enum Format {
    static func ms(_ seconds: Double) -> String { fixed(seconds * 1000, digits: seconds < 0.01 ? 2 : 1) + " ms" }
    static func us(_ seconds: Double) -> String { fixed(seconds * 1e6, digits: 2) + " µs" }
    static func mbps(bytes: Int, seconds: Double) -> String { fixed(Double(bytes) / 1e6 / seconds, digits: 1) + " MB/s" }
    static func rate(_ count: Double, seconds: Double, unit: String) -> String {
        grouped(Int((count / seconds).rounded())) + " " + unit
    }

    static func bytes(_ count: Int) -> String {
        if count >= 1_000_000 { return fixed(Double(count) / 1e6, digits: 2) + " MB" }
        if count >= 1_000 { return fixed(Double(count) / 1e3, digits: 1) + " kB" }
        return "\(count) B"
    }

    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "n/a" }
        return String(format: "%.\(digits)f", value)
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (value < 0 ? "-" : "") + out
    }
}
