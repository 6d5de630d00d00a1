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
            guard takesSet, let last = words.last else { return nil }
            head = words.dropLast().joined(separator: " ") + " "
            word = last
            candidates = sets.all.map(\.name).filter { $0.hasPrefix(last) }
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
        return completion.map { $0.candidates.joined(separator: " · ") }
    }
}
