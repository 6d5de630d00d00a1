import Foundation

/// Full-text search over saved sessions, for the session browser's filter.
///
/// Reads session files as raw text and looks for every word of the query, case
/// insensitively, without decoding JSON: a thousand sessions are scanned in about
/// the time it takes to read them. A word inside a JSON escape (a quote, a newline)
/// may be missed; titles, prompts and replies of ordinary text are found.
public enum SessionSearch {
    /// Ids of the sessions in `folder` whose file contains every word of `query`.
    public static func search(_ query: String, in folder: URL) -> Set<String> {
        let words = query.lowercased().split(separator: " ").map(String.init).filter { !$0.isEmpty }
        guard !words.isEmpty,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var matches = Set<String>()
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let text = String(decoding: data, as: UTF8.self).lowercased()
            if words.allSatisfy(text.contains) { matches.insert(String(name.dropLast(5))) }
        }
        return matches
    }
}
