/// `FuzzyMatcher`'s score computed over bytes, for the picker's hundreds of thousands of models.
///
/// Same rules and the same numbers as `FuzzyMatcher.match` for ASCII text (a test checks
/// them against each other), but it works on the catalog index's lowercased bytes with
/// word starts marked in advance, keeps only the score (two DP rows, no positions), and
/// fills each row only between the earliest and the latest place its query character can
/// take in a complete match. A candidate that does not contain the query in order is
/// rejected by a greedy scan before any DP runs.
struct FuzzyScorer {
    static let none = Int32.min / 4
    private var previous: [Int32] = []
    private var current: [Int32] = []
    private var first: [Int] = []
    private var last: [Int] = []

    /// The score of one query word (lowercased ASCII, no spaces) against one candidate, or nil.
    ///
    /// `text` is the candidate lowercased; `starts` is nonzero where a word starts.
    mutating func score(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<UInt8>) -> Int32? {
        let m = word.count, n = text.count
        if m == 0 { return 0 }
        guard m <= n else { return nil }
        if first.count < m {
            first = Array(repeating: 0, count: m)
            last = Array(repeating: 0, count: m)
        }
        // Earliest places, left to right; a miss means no match.
        var j = 0
        for i in 0..<m {
            let q = word[i]
            while j < n, text[j] != q { j += 1 }
            if j == n { return nil }
            first[i] = j
            j += 1
        }
        // Latest places, right to left.
        j = n - 1
        for i in stride(from: m - 1, through: 0, by: -1) {
            let q = word[i]
            while text[j] != q { j -= 1 }
            last[i] = j
            j -= 1
        }
        if previous.count < n {
            previous = Array(repeating: Self.none, count: n)
            current = Array(repeating: Self.none, count: n)
        }
        let none = Self.none
        var top = none
        previous.withUnsafeMutableBufferPointer { prev in
            current.withUnsafeMutableBufferPointer { cur in
                var prev = prev, cur = cur
                for i in 0..<m {
                    let q = word[i]
                    let lo = first[i], hi = last[i]
                    if i == 0 {
                        for j in lo...hi {
                            cur[j] = text[j] == q ? 1 + (starts[j] != 0 ? 8 : 0) - Int32(min(j, 10) / 2) : none
                        }
                    } else {
                        let plo = first[i - 1], phi = last[i - 1]
                        var running = none
                        var k = plo
                        for j in lo...hi {
                            // The best placement of the previous character at j - 2 or before.
                            while k <= j - 2, k <= phi {
                                if prev[k] > running { running = prev[k] }
                                k += 1
                            }
                            guard text[j] == q else { cur[j] = none; continue }
                            let gain: Int32 = 1 + (starts[j] != 0 ? 8 : 0)
                            var best = none
                            if j - 1 >= plo, j - 1 <= phi, prev[j - 1] > none { best = prev[j - 1] + gain + 5 }
                            if running > none, running + gain > best { best = running + gain }
                            cur[j] = best
                        }
                    }
                    if i == m - 1 {
                        for j in lo...hi where cur[j] > top { top = cur[j] }
                    }
                    swap(&prev, &cur)
                }
            }
        }
        guard top > none else { return nil }
        return top - Int32(n / 8)
    }
}
