/// Scores how well a typed query matches a candidate, fzf-style.
///
/// Every query character must appear in order (case-insensitive). Among all ways
/// to place them, the best-scoring one is chosen (dynamic programming, linear in
/// query × candidate length): matches at the start of a word (after `/`, `-`, `:`,
/// `.`, space, or a lower-to-upper case change) and runs of consecutive
/// characters score higher, and shorter candidates win ties, so "cs4" finds
/// `anthropic/claude-sonnet-4` before names where the letters are scattered.
public enum FuzzyMatcher {
    static let boundaryBonus = 8
    static let consecutiveBonus = 5

    /// The score (higher is better) and matched character offsets, or nil when it does not match.
    public static func match(_ query: String, in candidate: String) -> (score: Int, positions: [Int])? {
        let q = Array(query.lowercased()).filter { $0 != " " }
        if q.isEmpty { return (0, []) }
        let original = Array(candidate)
        let c = original.map { Character($0.lowercased()) }
        let n = c.count, m = q.count
        guard m <= n else { return nil }
        let none = Int.min / 4
        // best[i][j]: best score with q[i] matched at c[j]; from[i][j]: where q[i-1] was matched.
        var best = Array(repeating: Array(repeating: none, count: n), count: m)
        var from = Array(repeating: Array(repeating: -1, count: n), count: m)
        for i in 0..<m {
            var runningMax = none, runningArg = -1
            for j in 0..<n {
                // The best placement of q[i-1] strictly before j-1 (a gap).
                if i > 0, j >= 2, best[i - 1][j - 2] > runningMax {
                    runningMax = best[i - 1][j - 2]
                    runningArg = j - 2
                }
                guard c[j] == q[i] else { continue }
                let gain = 1 + (isBoundary(original, at: j) ? boundaryBonus : 0)
                if i == 0 {
                    best[i][j] = gain - min(j, 10) / 2
                    continue
                }
                var candidateScore = none, arg = -1
                if j >= 1, best[i - 1][j - 1] > none {
                    candidateScore = best[i - 1][j - 1] + gain + consecutiveBonus
                    arg = j - 1
                }
                if runningMax > none, runningMax + gain > candidateScore {
                    candidateScore = runningMax + gain
                    arg = runningArg
                }
                if arg >= 0 {
                    best[i][j] = candidateScore
                    from[i][j] = arg
                }
            }
        }
        var end = -1, top = none
        for j in 0..<n where best[m - 1][j] > top {
            top = best[m - 1][j]
            end = j
        }
        guard end >= 0 else { return nil }
        var positions = [end]
        var i = m - 1, j = end
        while i > 0 {
            j = from[i][j]
            i -= 1
            positions.append(j)
        }
        return (top - n / 8, positions.reversed())
    }

    private static func isBoundary(_ s: [Character], at i: Int) -> Bool {
        guard i > 0 else { return true }
        let prev = s[i - 1]
        if "/-:._ ".contains(prev) { return true }
        return prev.isLowercase && s[i].isUppercase
    }

    /// Matches each word of a multi-word query separately (all must match) and sums the scores.
    public static func matchWords(_ query: String, in candidate: String) -> Int? {
        var total = 0
        for word in query.split(separator: " ") {
            guard let m = match(String(word), in: candidate) else { return nil }
            total += m.score
        }
        return total
    }
}
