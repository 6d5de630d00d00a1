import Foundation
import PrismCore

/// Scores one query against a catalog index's candidates, in slices run side by side.
///
/// The first character typed is scored against every model (200,000 of them, perhaps):
/// the candidates are cut into slices scored on as many threads as there are cores (up
/// to four), each with its own scorer, and the slices' results joined in order, so the
/// result is the same however it was cut. Later characters score only the earlier
/// query's matches, each from its earlier last DP row.
struct MatchJob: @unchecked Sendable {
    enum Reuse { case candidates, grownLastWord, addedWords }

    let index: CatalogIndex
    let query: String
    let words: [[UInt8]]
    let asciiQuery: Bool
    let reuse: Reuse
    let earlier: CatalogIndex.Matches?

    /// Candidates below which one thread does it all.
    static let sliceMinimum = 16_384

    func run() -> CatalogIndex.Matches {
        let total = earlier?.models.count ?? index.catalog.count
        let slices = min(4, max(2, ProcessInfo.processInfo.activeProcessorCount), max(1, total / index.sliceMinimum))
        if slices == 1 { return run(0..<total) }
        // Each slice writes only its own slot.
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<CatalogIndex.Matches> }
        let slots = Slots(base: .allocate(capacity: slices))
        defer { slots.base.deallocate() }
        DispatchQueue.concurrentPerform(iterations: slices) { k in
            let range = (total * k / slices)..<(total * (k + 1) / slices)
            (slots.base + k).initialize(to: run(range))
        }
        var result = CatalogIndex.Matches(words: words)
        for k in 0..<slices {
            let part = (slots.base + k).move()
            let shift = result.rows.count
            result.models += part.models
            result.scores += part.scores
            result.base += part.base
            result.rowStarts += part.rowStarts.dropFirst().map { $0 + shift }
            result.rows += part.rows
        }
        return result
    }

    /// Scores the candidates at `range` (positions in the earlier matches, or catalog indices).
    func run(_ range: Range<Int>) -> CatalogIndex.Matches {
        var result = CatalogIndex.Matches(words: words)
        var scorer = FuzzyScorer()
        let none: [Int32] = []
        let candidates = earlier?.models ?? none
        let earlierBase = earlier?.base ?? none, earlierScores = earlier?.scores ?? none
        let earlierStarts = earlier?.rowStarts ?? [], earlierRows = earlier?.rows ?? []
        let earlierWords = earlier?.words ?? []
        let lastWord = words[words.count - 1]
        let added = lastWord.dropFirst(earlierWords.last?.count ?? 0)
        let useCandidates = earlier != nil
        // Words scored whole into `base` before the last word: none when the last word grew,
        // the new ones when words were added, all of them otherwise.
        let firstWord = reuse == .grownLastWord ? words.count - 1 : (reuse == .addedWords ? earlierWords.count : 0)
        result.models.reserveCapacity(range.count)
        result.scores.reserveCapacity(range.count)
        result.base.reserveCapacity(range.count)
        result.rowStarts.reserveCapacity(range.count + 1)
        let offsets = index.offsets, isUnicode = index.isUnicode, masks = index.masks
        var need: UInt64 = 0
        for word in words { for b in word { need |= 1 << UInt64(b & 63) } }
        index.text.withUnsafeBufferPointer { text in
            earlierRows.withUnsafeBufferPointer { rows in
                for n in range {
                    let i = useCandidates ? Int(candidates[n]) : n
                    if !asciiQuery || isUnicode[i] {
                        let model = index.catalog[i]
                        if let s = FuzzyMatcher.matchWords(query, in: model.id + " " + model.name) {
                            result.models.append(Int32(i))
                            result.scores.append(Int32(clamping: s))
                            result.base.append(0)
                            result.rowStarts.append(result.rows.count)
                        }
                        continue
                    }
                    if masks[i] & need != need { continue }
                    let t = UnsafeBufferPointer(rebasing: text[offsets[i]..<offsets[i + 1]])
                    let mark = result.rows.count
                    var base: Int32 = reuse == .grownLastWord ? earlierBase[n] : (reuse == .addedWords ? earlierScores[n] : 0)
                    guard scoreWords(firstWord..<(words.count - 1), base: &base, t, &scorer, into: &result.rows) else { continue }
                    // The last word: one character scores without a row; one more character than
                    // before extends the earlier row; anything else is scored afresh.
                    let last: Int32?
                    if lastWord.count == 1 {
                        last = FuzzyScorer.single(lastWord[0], in: t)
                    } else {
                        let old = reuse == .grownLastWord && added.count == 1
                            ? UnsafeBufferPointer(rebasing: rows[earlierStarts[n]..<earlierStarts[n + 1]]) : UnsafeBufferPointer(start: nil, count: 0)
                        let matched = old.isEmpty
                            ? lastWord.withUnsafeBufferPointer { scorer.lastRow($0, in: t, into: &result.rows) }
                            : FuzzyScorer.extend(old, with: added.first!, in: t, into: &result.rows)
                        last = matched ? result.rows.withUnsafeBufferPointer {
                            FuzzyScorer.score(of: UnsafeBufferPointer(rebasing: $0[mark...]), length: t.count)
                        } : nil
                    }
                    guard let last else {
                        result.rows.removeSubrange(mark...)
                        continue
                    }
                    result.models.append(Int32(i))
                    result.base.append(base)
                    result.scores.append(base + last)
                    result.rowStarts.append(result.rows.count)
                }
            }
        }
        return result
    }

    /// Adds the scores of `words[range]` against one candidate to `base`; false when one does not match.
    private func scoreWords(_ range: Range<Int>, base: inout Int32, _ t: UnsafeBufferPointer<UInt8>,
                            _ scorer: inout FuzzyScorer, into rows: inout [FuzzyScorer.Entry]) -> Bool {
        for w in range {
            let mark = rows.count
            if words[w].count == 1 {
                guard let s = FuzzyScorer.single(words[w][0], in: t) else { return false }
                base += s
                continue
            }
            guard words[w].withUnsafeBufferPointer({ scorer.lastRow($0, in: t, into: &rows) }) else { return false }
            base += rows.withUnsafeBufferPointer { FuzzyScorer.score(of: UnsafeBufferPointer(rebasing: $0[mark...]), length: t.count) }
            rows.removeSubrange(mark...)
        }
        return true
    }
}
