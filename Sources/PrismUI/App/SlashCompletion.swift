import Foundation
import PrismCore

/// Completion of a prompt line that starts with `/`: the command's name, or a set's name
/// after `/set`, `/set delete` or `/compare`.
///
/// Pure: the reducer completes with it on Tab and the prompt pane shows its hint.
struct SlashCompletion: Equatable {
    /// The text before the word being completed.
    var head: String
    /// The word being completed (may be empty).
    var word: String
    /// What the word could become.
    var candidates: [String]
    /// True when the word is a command name (completing it adds a space).
    var isCommand: Bool

    /// The completion for a single-line `text` starting with `/`, or nil when there is nothing to complete.
    init?(_ text: String, sets: ModelSets) {
        guard text.hasPrefix("/"), !text.utf8.contains(0x0A) else { return nil }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.count == 1 {
            head = ""
            word = text
            candidates = Reducer.slashCommands.map(\.name).filter { $0.hasPrefix(text) }
            isCommand = true
        } else {
            let takesSet = words.count == 2 && (words[0] == "/set" || words[0] == "/compare")
                || words.count == 3 && words[0] == "/set" && words[1] == "delete"
            let takesCap = words.count == 2 && words[0] == "/budget"
            let takesChainWord = words.count == 2 && words[0] == "/fallbacks"
            guard takesSet || takesCap || takesChainWord, let last = words.last else { return nil }
            head = words.dropLast().joined(separator: " ") + " "
            word = last
            let choices = takesCap ? Reducer.budgetSettings : takesChainWord ? ["add", "clear"] : sets.all.map(\.name)
            candidates = choices.filter { $0.hasPrefix(last) }
            if words.count == 2, words[0] == "/set" {
                candidates += ["save", "delete"].filter { $0.hasPrefix(last) }
            }
            isCommand = false
        }
        guard !candidates.isEmpty else { return nil }
    }

    /// The line after Tab: the only candidate (and a space after a command), or the longest
    /// prefix all candidates share; nil when Tab would add nothing.
    var completed: String? {
        if candidates.count == 1 {
            let done = head + candidates[0] + (isCommand ? " " : "")
            return done == head + word ? nil : done
        }
        var prefix = candidates[0]
        for c in candidates.dropFirst() { while !c.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix.count > word.count ? head + prefix : nil
    }

    /// One line for the prompt's border: the usage of the command typed, or the choices.
    static func hint(_ text: String, sets: ModelSets) -> String? {
        guard text.hasPrefix("/"), !text.utf8.contains(0x0A) else { return nil }
        let first = String(text.prefix { $0 != " " })
        let completion = SlashCompletion(text, sets: sets)
        if let completion, !completion.isCommand, completion.completed != nil || completion.candidates.count > 1 {
            return "Tab: " + completion.candidates.joined(separator: " · ")
        }
        if let usage = Reducer.slashCommands.first(where: { $0.name == first })?.usage { return usage }
        if let completion { return completion.candidates.joined(separator: " · ") }
        guard !text.hasPrefix("//") else { return nil }
        return "unknown command" + (nearestCommand(to: first).map { " · did you mean \($0)?" } ?? "") + " · // sends a leading /"
    }

    /// Edits (one character inserted, deleted, replaced, or two swapped) a typed command name
    /// may be from a known one and still be suggested: one for names of up to three letters, else two.
    static func maxSuggestionDistance(for name: String) -> Int { name.count <= 4 ? 1 : 2 }

    /// The known command a mistyped `/word` most likely meant: the only one it starts, or the
    /// nearest by edit distance when that is close enough; nil when none is.
    static func nearestCommand(to typed: String) -> String? {
        let word = typed.lowercased()
        let names = Reducer.slashCommands.map(\.name)
        let extending = names.filter { $0.hasPrefix(word) && $0 != word }
        if word.count > 1, extending.count == 1 { return extending[0] }
        let scored = names.map { (name: $0, distance: editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
              best.distance <= maxSuggestionDistance(for: word), best.distance < word.count - 1 else { return nil }
        return best.name
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
    /// two neighbours each cost one (`/modle` is one edit from `/model`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
