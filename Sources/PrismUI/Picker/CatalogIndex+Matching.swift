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
        func consider(_ i: Int) {
            let score: Int32?
            if !asciiQuery || isUnicode[i] {
                let model = catalog[i]
                score = FuzzyMatcher.matchWords(query, in: model.id + " " + model.name).map { Int32(clamping: $0) }
            } else {
                score = scoreASCII(words, model: i)
            }
            if let score {
                result.models.append(Int32(i))
                result.scores.append(score)
            }
        }
        if let narrower {
            for i in narrower.result.models { consider(Int(i)) }
        } else {
            for i in 0..<catalog.count { consider(i) }
        }
        matches.append((query, result))
        if matches.count > Self.keptQueries { matches.removeFirst() }
        return result
    }

    /// The sum of the words' scores for an ASCII model, or nil when a word does not match.
    private func scoreASCII(_ words: [[UInt8]], model i: Int) -> Int32? {
        let range = offsets[i]..<offsets[i + 1]
        var total: Int32 = 0
        for word in words {
            let s: Int32? = word.withUnsafeBufferPointer { w in
                text.withUnsafeBufferPointer { t in
                    starts.withUnsafeBufferPointer { b in
                        scorer.score(w, in: UnsafeBufferPointer(rebasing: t[range]), starts: UnsafeBufferPointer(rebasing: b[range]))
                    }
                }
            }
            guard let s else { return nil }
            total += s
        }
        return total
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
