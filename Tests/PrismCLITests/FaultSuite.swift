import Foundation
import PrismStub
#if canImport(Glibc)
import Glibc
#endif

/// Shared pieces of the fault suite: how many attempts, what the stub streams, and the tally.
///
/// CI runs a few attempts of every fault; `PRISM_FAULT_ATTEMPTS=N swift test --filter Fault`
/// runs N of each and prints the figures that docs/reliability.md records.
enum FaultSuite {
    static let key = "sk-or-v1-FAULTKEY0123456789abcdef"

    /// Attempts per fault: the environment's `PRISM_FAULT_ATTEMPTS`, or `ci` when unset.
    static func attempts(ci: Int) -> Int {
        ProcessInfo.processInfo.environment["PRISM_FAULT_ATTEMPTS"].flatMap(Int.init).map { max(1, $0) } ?? ci
    }

    /// Numbered words, so a missing or repeated piece anywhere shows: "w0001 w0002 …".
    static func pieces(_ count: Int) -> [String] {
        (1...count).map { String(format: "w%04d ", $0) }
    }

    static func text(_ count: Int) -> String { pieces(count).joined() }

    /// A steady reply of `count` numbered words, `delay` seconds apart.
    static func reply(_ count: Int, delay: TimeInterval = 0.02) -> StubBehavior {
        .stream(StubReply(content: pieces(count), interChunkDelay: delay))
    }

    /// A random pause in `range`, from a generator whose seed the tally prints.
    static func pause(_ range: ClosedRange<Double>, _ rng: inout some RandomNumberGenerator) -> TimeInterval {
        Double.random(in: range, using: &rng)
    }

    /// Every saved session as `prism sessions export --format json` gives it back.
    static func sessions(_ p: PrismProcess) throws -> [[String: Any]] {
        let list = try p.run(["sessions", "list", "--json"])
        let ids = ((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
        return try ids.compactMap { try p.run(["sessions", "export", $0, "--format", "json"]).stdout.jsonObject }
    }

    static func replies(_ session: [String: Any]) -> [[String: Any]] {
        (session["messages"] as? [[String: Any]] ?? []).filter { $0["role"] as? String == "assistant" }
    }
}

/// Attempts, survivals and losses of one fault, with what went wrong.
final class FaultTally: @unchecked Sendable {
    let name: String
    let seed: UInt64
    private(set) var attempts = 0
    private(set) var lost = 0
    private(set) var problems: [String] = []

    init(_ name: String, seed: UInt64) {
        self.name = name
        self.seed = seed
    }

    /// Records one attempt; `problem` is nil when nothing was lost.
    func record(_ problem: String?) {
        attempts += 1
        if let problem {
            lost += 1
            problems.append("attempt \(attempts): \(problem)")
        }
    }

    var survived: Int { attempts - lost }

    /// One line for the log and for docs/reliability.md.
    var line: String {
        "fault suite: \(name): \(attempts) attempts, \(survived) survived, \(lost) lost (seed \(seed))"
            + (problems.isEmpty ? "" : "\n  " + problems.prefix(5).joined(separator: "\n  "))
    }
}

/// A small seeded generator (SplitMix64), so a failing run can be repeated with its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static func fromEnvironment() -> (SeededGenerator, UInt64) {
        let seed = ProcessInfo.processInfo.environment["PRISM_FAULT_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        return (SeededGenerator(seed: seed), seed)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
