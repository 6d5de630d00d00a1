import Foundation

/// `FuzzyMatcher`'s score computed over bytes, for the picker's hundreds of thousands of models.
///
/// Same rules and the same numbers as `FuzzyMatcher.match` for ASCII text (a test checks
/// them against each other), but it works on the catalog index's lowercased bytes with
/// word starts marked in advance and keeps only the score. The DP visits only the places
/// where each query character occurs (found with `memchr`), between the earliest and the
/// latest place it can take in a complete match: a place where another character stands
/// scores "no match" in the full table anyway, so leaving it out changes nothing. A
/// candidate that does not contain the query in order is rejected by the greedy scan that
/// finds those earliest places, before any DP runs.
struct FuzzyScorer {
    static let none = Int32.min / 4
    private var first: [Int] = []
    private var last: [Int] = []
    /// Two rows of the DP, sparse: the places of one query character and their best scores.
    private var rowA: [(place: Int, score: Int32)] = []
    private var rowB: [(place: Int, score: Int32)] = []

    /// The score of one query word (lowercased ASCII, no spaces) against one candidate, or nil.
    ///
    /// `text` is the candidate lowercased; `starts` is nonzero where a word starts.
    mutating func score(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<UInt8>) -> Int32? {
        let m = word.count, n = text.count
        if m == 0 { return 0 }
        guard m <= n, let base = text.baseAddress else { return nil }
        if m == 1 { return single(word[0], in: text, starts: starts) }
        if first.count < m {
            first = Array(repeating: 0, count: m)
            last = Array(repeating: 0, count: m)
        }
        // Earliest places, left to right; a miss means no match.
        var j = 0
        for i in 0..<m {
            guard j < n, let hit = memchr(base + j, Int32(word[i]), n - j) else { return nil }
            j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
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
        let none = Self.none
        var previous: [(place: Int, score: Int32)] = [], current: [(place: Int, score: Int32)] = []
        swap(&previous, &rowA)  // keep the rows uniquely referenced while they change
        swap(&current, &rowB)
        previous.removeAll(keepingCapacity: true)
        var at = first[0]
        let q0 = Int32(word[0])
        while at <= last[0], let hit = memchr(base + at, q0, last[0] + 1 - at) {
            let p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            previous.append((p, 1 + (starts[p] != 0 ? 8 : 0) - Int32(min(p, 10) / 2)))
            at = p + 1
        }
        for i in 1..<m {
            current.removeAll(keepingCapacity: true)
            var k = 0, running = none
            let q = Int32(word[i])
            at = first[i]
            while at <= last[i], let hit = memchr(base + at, q, last[i] + 1 - at) {
                let p = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                at = p + 1
                // The best placement of the previous character at p - 2 or before.
                while k < previous.count, previous[k].place <= p - 2 {
                    if previous[k].score > running { running = previous[k].score }
                    k += 1
                }
                let gain: Int32 = 1 + (starts[p] != 0 ? 8 : 0)
                var best = none
                if k < previous.count, previous[k].place == p - 1 { best = previous[k].score + gain + 5 }
                if running > none, running + gain > best { best = running + gain }
                if best > none { current.append((p, best)) }
            }
            swap(&previous, &current)
        }
        var top = none
        for entry in previous where entry.score > top { top = entry.score }
        rowA = previous
        rowB = current
        guard top > none else { return nil }
        return top - Int32(n / 8)
    }

    /// A one-character query: the best single place, found without the DP. Past the tenth
    /// character every place scores the same but for a word start, so the scan stops at the
    /// first word start there.
    private func single(_ q: UInt8, in text: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let base = text.baseAddress else { return nil }
        let n = text.count
        var top = Self.none
        var at = 0
        while at < n, let hit = memchr(base + at, Int32(q), n - at) {
            let j = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let score = 1 + (starts[j] != 0 ? 8 : 0) - Int32(min(j, 10) / 2)
            if score > top { top = score }
            if j >= 10, top >= 4 { break }  // 1 + 8 - 5: nothing later can beat it
            at = j + 1
        }
        guard top > Self.none else { return nil }
        return top - Int32(n / 8)
    }
}
