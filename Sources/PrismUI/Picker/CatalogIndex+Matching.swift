import Foundation
import PrismCore

extension CatalogIndex {
    /// Queries whose matches are kept (each up to two arrays of the catalog's length).
    static let keptQueries = 12

    /// The models matching `query` with their scores (`FuzzyMatcher.matchWords`), or nil
    /// for a query with no words (every model matches, all scoring 0). Call with `lock` held.
    ///
    /// A query that extends an earlier one (typing) can only match models the earlier one
    /// matched (each of its words contains the earlier word it extends, in order), so only
    /// those are scored again.
    func matches(for query: String) -> Matches? {
        let words = query.split(separator: " ").map { Array($0.lowercased().utf8) }
        guard !words.isEmpty else { return nil }
        if let i = matches.firstIndex(where: { $0.query == query }) {
            let entry = matches.remove(at: i)
            matches.append(entry)
            return entry.result
        }
        let narrower = matches.filter { query.hasPrefix($0.query) && !$0.query.split(separator: " ").isEmpty }
            .max { $0.query.utf8.count < $1.query.utf8.count }
        var result = Matches(models: [], scores: [])
        let asciiQuery = words.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        let candidates: [Int32]? = narrower?.result.models
        let total = candidates?.count ?? catalog.count
        result.models.reserveCapacity(total / 2)
        result.scores.reserveCapacity(total / 2)
        text.withUnsafeBufferPointer { text in
            starts.withUnsafeBufferPointer { starts in
                for n in 0..<total {
                    let i = candidates.map { Int($0[n]) } ?? n
                    var score: Int32? = 0
                    if !asciiQuery || isUnicode[i] {
                        let model = catalog[i]
                        score = FuzzyMatcher.matchWords(query, in: model.id + " " + model.name).map { Int32(clamping: $0) }
                    } else {
                        let range = offsets[i]..<offsets[i + 1]
                        let t = UnsafeBufferPointer(rebasing: text[range]), b = UnsafeBufferPointer(rebasing: starts[range])
                        for word in words {
                            guard let s = word.withUnsafeBufferPointer({ scorer.score($0, in: t, starts: b) }) else { score = nil; break }
                            score! += s
                        }
                    }
                    if let score {
                        result.models.append(Int32(i))
                        result.scores.append(score)
                    }
                }
            }
        }
        matches.append((query, result))
        if matches.count > Self.keptQueries { matches.removeFirst() }
        return result
    }

    /// The ordered list for a picker state, from the cache or made now. Call with `lock` held.
    func list(for key: ModelList.Key) -> ModelList {
        if let i = lists.firstIndex(where: { $0.key == key }) {
            let entry = lists.remove(at: i)
            lists.append(entry)
            return entry.list
        }
        let list = ModelList(index: self, key: key, matches: matches(for: key.query))
        lists.append((key, list))
        if lists.count > 8 { lists.removeFirst() }
        return list
    }
}
