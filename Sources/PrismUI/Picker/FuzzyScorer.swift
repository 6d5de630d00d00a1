/// `FuzzyMatcher`'s score computed over bytes, for the picker's hundreds of thousands of models.
///
/// Same rules and the same numbers as `FuzzyMatcher.match` for ASCII text (a test checks
/// them against each other), but it works on the catalog index's lowercased bytes with
/// word starts marked in advance (the high bit) and keeps only scores. The DP visits only
/// the places where each query character occurs (found 8 bytes at a time), between the earliest and the
/// latest place it can take in a complete match: a place where another character stands
/// scores "no match" in the full table anyway, so leaving it out changes nothing. A
/// candidate that does not contain the query in order is rejected by the greedy scan that
/// finds those earliest places, before any DP runs.
///
/// The DP's last row (the best score with the word's last character at each of its
/// places) is handed back, so a word typed one more character is scored from that row
/// alone: row `i` of the table depends only on rows before it, and the places the longer
/// word rules out could never have led to a complete match anyway.
struct FuzzyScorer {
    typealias Entry = (place: Int32, score: Int32)
    static let none = Int32.min / 4
    private var first: [Int] = []
    private var last: [Int] = []
    private var rowA: [Entry] = []
    private var rowB: [Entry] = []

    /// The best score in a last row, as `FuzzyMatcher` reports it for a candidate of `length` bytes.
    static func score(of row: UnsafeBufferPointer<Entry>, length: Int) -> Int32 {
        var top = none
        for entry in row where entry.score > top { top = entry.score }
        return top - Int32(length / 8)
    }

    /// The last row of the DP for one word (lowercased ASCII, no spaces) against one
    /// candidate, appended to `out`; false (and nothing appended) when it does not match.
    ///
    /// `text` is the candidate lowercased, with the high bit set where a word starts.
    mutating func lastRow(_ word: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, into out: inout [Entry]) -> Bool {
        let m = word.count, n = text.count
        guard m >= 1, m <= n, let base = text.baseAddress else { return false }
        if m == 1 {
            // One character: every place it stands, each scored on its own.
            let before = out.count
            var at = 0
            while let p = Self.find(word[0], in: base, from: at, to: n) {
                out.append((Int32(p), 1 + (text[p] >= 0x80 ? 8 : 0) - Int32(min(p, 10) / 2)))
                at = p + 1
            }
            return out.count > before
        }
        if first.count < m {
            first = Array(repeating: 0, count: m)
            last = Array(repeating: 0, count: m)
        }
        // Earliest places, left to right; a miss means no match.
        var j = 0
        for i in 0..<m {
            guard let hit = Self.find(word[i], in: base, from: j, to: n) else { return false }
            first[i] = hit
            j = hit + 1
        }
        // Latest places, right to left.
        j = n - 1
        for i in stride(from: m - 1, through: 0, by: -1) {
            let q = word[i]
            while text[j] & 0x7F != q { j -= 1 }
            last[i] = j
            j -= 1
        }
        var previous: [Entry] = [], current: [Entry] = []
        swap(&previous, &rowA)  // keep the rows uniquely referenced while they change
        swap(&current, &rowB)
        defer {
            rowA = previous
            rowB = current
        }
        previous.removeAll(keepingCapacity: true)
        var at = first[0]
        while let p = Self.find(word[0], in: base, from: at, to: last[0] + 1) {
            previous.append((Int32(p), 1 + (text[p] >= 0x80 ? 8 : 0) - Int32(min(p, 10) / 2)))
            at = p + 1
        }
        for i in 1..<m {
            current.removeAll(keepingCapacity: true)
            previous.withUnsafeBufferPointer {
                Self.step(from: $0, character: word[i], window: first[i]...last[i], text: text, into: &current)
            }
            swap(&previous, &current)
        }
        guard !previous.isEmpty else { return false }
        out.append(contentsOf: previous)
        return true
    }

    /// The score of a one-character word, without its row: past the tenth character every
    /// place scores the same but for a word start, so the scan stops at the first word start
    /// there. (A word typed one longer is then scored afresh, which costs no more than
    /// extending a row of every place of that character would.)
    static func single(_ q: UInt8, in text: UnsafeBufferPointer<UInt8>) -> Int32? {
        guard let base = text.baseAddress else { return nil }
        var top = none
        var at = 0
        while let j = find(q, in: base, from: at, to: text.count) {
            let score = 1 + (text[j] >= 0x80 ? 8 : 0) - Int32(min(j, 10) / 2)
            if score > top { top = score }
            if j >= 10, top >= 4 { break }  // 1 + 8 - 5: nothing later can beat it
            at = j + 1
        }
        guard top > none else { return nil }
        return top - Int32(text.count / 8)
    }

    /// The last row for the word one character longer, from the current last row; false when
    /// the longer word does not match.
    static func extend(_ row: UnsafeBufferPointer<Entry>, with character: UInt8, in text: UnsafeBufferPointer<UInt8>,
                       into out: inout [Entry]) -> Bool {
        guard let from = row.first?.place, Int(from) + 1 < text.count else { return false }
        let before = out.count
        step(from: row, character: character, window: Int(from + 1)...(text.count - 1), text: text, into: &out)
        return out.count > before
    }

    /// One row of the DP: `character` at each of its places in `window`, after the entries of `previous`.
    private static func step(from previous: UnsafeBufferPointer<Entry>, character: UInt8, window: ClosedRange<Int>,
                             text: UnsafeBufferPointer<UInt8>, into out: inout [Entry]) {
        guard let base = text.baseAddress, window.lowerBound < text.count else { return }
        let none = Self.none
        var k = 0, running = none
        var at = window.lowerBound
        let end = min(window.upperBound, text.count - 1)
        while let p = find(character, in: base, from: at, to: end + 1) {
            at = p + 1
            // The best placement of the previous character at p - 2 or before.
            while k < previous.count, previous[k].place <= p - 2 {
                if previous[k].score > running { running = previous[k].score }
                k += 1
            }
            let gain: Int32 = 1 + (text[p] >= 0x80 ? 8 : 0)
            var best = none
            if k < previous.count, previous[k].place == p - 1 { best = previous[k].score + gain + 5 }
            if running > none, running + gain > best { best = running + gain }
            if best > none { out.append((Int32(p), best)) }
        }
    }

    /// The first place in `from..<end` holding `q` (ignoring the word-start bit), 8 bytes at a time.
    @inline(__always)
    static func find(_ q: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int? {
        var i = start
        let pattern = 0x0101_0101_0101_0101 &* UInt64(q)
        while i + 8 <= end {
            let x = (UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x7F7F_7F7F_7F7F_7F7F) ^ pattern
            let zero = (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
            if zero != 0 { return i + zero.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            if base[i] & 0x7F == q { return i }
            i += 1
        }
        return nil
    }
}
