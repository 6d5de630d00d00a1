import Foundation

/// The route evidence kept for a short while, so routing each prompt of a chat does not
/// read every verdict and a month of history again: reused for `maxAge` seconds, or until
/// `invalidate()` says a verdict or a reply was recorded since. Thread-safe.
public final class RouteEvidenceCache: @unchecked Sendable {
    public static let defaultMaxAge: TimeInterval = 30

    private let lock = NSLock()
    private let maxAge: TimeInterval
    private let load: @Sendable (Date) throws -> RouteEvidence
    private var kept: (evidence: RouteEvidence, at: Date)?

    /// `load` reads the evidence afresh (it may throw; the caller says why in one line).
    public init(maxAge: TimeInterval = RouteEvidenceCache.defaultMaxAge, load: @escaping @Sendable (Date) throws -> RouteEvidence) {
        self.maxAge = maxAge
        self.load = load
    }

    /// The kept evidence while fresh, else what `load` reads now (kept for next time).
    public func evidence(now: Date) throws -> RouteEvidence {
        try lock.withLock {
            if let kept, now.timeIntervalSince(kept.at) < maxAge, now >= kept.at { return kept.evidence }
            let fresh = try load(now)
            kept = (fresh, now)
            return fresh
        }
    }

    /// Forgets the kept evidence: a verdict or a reply was just recorded.
    public func invalidate() {
        lock.withLock { kept = nil }
    }
}

extension RouteEvidence {
    /// Reads the evidence from prism.db: every verdict and the last 30 days' speeds.
    public static func read(matches: MatchStore, history: some StatsSource, now: Date) throws -> RouteEvidence {
        RouteEvidence(records: try matches.all(), report: try history.report(range: .month, now: now))
    }
}
