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
    /// those are scored again; a last word typed one character longer is scored from the
    /// earlier query's last DP row, and a new word adds to the earlier query's score.
    func matches(for query: String) -> Matches? {
        let words = query.split(separator: " ").map { Array($0.lowercased().utf8) }
        guard !words.isEmpty else { return nil }
        if let i = matches.firstIndex(where: { $0.query == query }) {
            let entry = matches.remove(at: i)
            matches.append(entry)
            return entry.result
        }
        let asciiQuery = words.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        // The longest earlier query this one extends: its models are the only candidates.
        var earlier: (query: String, result: Matches)?
        for entry in matches where query.hasPrefix(entry.query) {
            let w = entry.result.words
            guard w.count <= words.count, zip(w.dropLast(), words).allSatisfy({ $0 == $1 }),
                  words[w.count - 1].starts(with: w[w.count - 1]),
                  entry.query.utf8.count > earlier?.query.utf8.count ?? -1 else { continue }
            earlier = entry
        }
        var reuse = MatchJob.Reuse.candidates
        if let w = earlier?.result.words {
            if w.count == words.count {
                reuse = .grownLastWord
            } else if w.last == words[w.count - 1] {
                reuse = .addedWords
            }
        }
        let job = MatchJob(index: self, query: query, words: words, asciiQuery: asciiQuery, reuse: reuse, earlier: earlier?.result)
        let result = job.run()
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
