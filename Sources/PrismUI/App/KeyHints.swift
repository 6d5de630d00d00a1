import Foundation
import PrismTerminal

/// Hint bars built from the bindings in effect, so a rebound key is named as it is bound now.
enum KeyHints {
    /// What a context offers, most useful first: each hint is the command's key and a word.
    static func promptHints(_ bindings: KeyBindings, streaming: Bool) -> [String] {
        let wanted: [(Command, String)] = streaming
            ? [(.cancelOrClear, "stop")]
            : [(.send, "send"), (.newline, "newline"), (.togglePicker, "model"), (.help, "help")]
        return wanted.compactMap { command, word in
            bindings.keys(for: command).isEmpty ? nil : bindings.name(command) + " " + word
        }
    }

    /// With the transcript focused: what acts on the selected message, then the way back.
    static func transcriptHints(_ bindings: KeyBindings) -> [String] {
        let wanted: [(Command, String)] = [(.copyMessage, "copy"), (.toggleReasoning, "reasoning"), (.deleteMessage, "delete"),
                                           (.forkSession, "fork"), (.focusTranscript, "prompt"), (.help, "help")]
        return wanted.compactMap { command, word in
            bindings.keys(for: command).isEmpty && bindings.transcriptKeys(for: command).isEmpty
                ? nil : bindings.transcriptName(command) + " " + word
        }
    }

    /// While the budget holds a send: send anyway, lower max_tokens (when that can help), back.
    static func budgetHints(_ bindings: KeyBindings, hold: BudgetHold) -> [String] {
        var wanted: [(BudgetCommand, String)] = [(.sendAnyway, hold.kind == .confirm ? "send" : "send anyway")]
        if let fit = hold.fittingMaxTokens { wanted.append((.lowerMaxTokens, "max_tokens \(fit)")) }
        if case .toolRound = hold.pending { wanted.append((.back, "stop the turn")) } else { wanted.append((.back, "back")) }
        return wanted.compactMap { command, word in
            bindings.keys(for: command).isEmpty ? nil : bindings.name(command) + " " + word
        }
    }

    /// The session browser's footer hints, in the order they are dropped last to first.
    static func browserHints(_ bindings: KeyBindings) -> [String] {
        let wanted: [(BrowserCommand, String)] = [(.resume, "resume"), (.rename, "rename"), (.delete, "delete"), (.export, "export"), (.close, "close")]
        return wanted.compactMap { command, word in
            bindings.keys(for: command).isEmpty ? nil : bindings.name(command) + " " + word
        }
    }

    /// The fallback chain editor's footer hints, most useful first.
    static func fallbacksHints(_ bindings: KeyBindings) -> [String] {
        let has = { (command: FallbacksCommand) in !bindings.keys(for: command).isEmpty }
        var hints: [String] = []
        if has(.add) { hints.append(bindings.name(FallbacksCommand.add) + " add") }
        if has(.remove) { hints.append(bindings.name(FallbacksCommand.remove) + " remove") }
        if has(.moveUp), has(.moveDown) { hints.append(bindings.name(FallbacksCommand.moveUp) + "/" + bindings.name(FallbacksCommand.moveDown) + " move") }
        if has(.save) { hints.append(bindings.name(FallbacksCommand.save) + " keep") }
        if has(.discard) { hints.append(bindings.name(FallbacksCommand.discard) + " discard") }
        if has(.saveDefault) { hints.append(bindings.name(FallbacksCommand.saveDefault) + " default for this model") }
        return hints
    }

    /// The provider table's footer: saving and leaving first (they must never be dropped), then the row's keys.
    static func providersHints(_ bindings: KeyBindings, editingPrice: Bool) -> [String] {
        let wanted: [([ProvidersCommand], String)] = editingPrice
            ? [([.save], "apply"), ([.close], "cancel")]
            : [([.save], "save"), ([.close], "discard"), ([.pin], "pin"), ([.moveUp, .moveDown], "move"), ([.exclude], "exclude"),
               ([.sort], "list order"), ([.reset], "reset saved"), ([.refresh], "refetch")]
        return wanted.compactMap { commands, word in
            commands.contains { bindings.keys(for: $0).isEmpty } ? nil : commands.map { bindings.name($0) }.joined(separator: " ") + " " + word
        }
    }

    /// The analytics view's footer: leaving first (never dropped), then range, tables, scrolling.
    static func statsHints(_ bindings: KeyBindings) -> [String] {
        let wanted: [([StatsCommand], String)] = [([.close], "close"), ([.range], "range"), ([.models], "models"),
                                                  ([.providers], "providers"), ([.tags], "tags"), ([.up, .down], "scroll")]
        return wanted.compactMap { commands, word in
            commands.contains { bindings.keys(for: $0).isEmpty } ? nil : commands.map { bindings.name($0) }.joined(separator: " ") + " " + word
        }
    }

    /// The leaderboard view's footer: changing the tag, scrolling, closing.
    static func leaderboardHints(_ bindings: KeyBindings) -> [String] {
        let wanted: [([LeaderboardCommand], String)] = [([.nextTag, .previousTag], "tag"), ([.up, .down], "scroll"), ([.close], "close")]
        return wanted.compactMap { commands, word in
            commands.contains { bindings.keys(for: $0).isEmpty } ? nil : commands.map { bindings.name($0) }.joined(separator: "/") + " " + word
        }
    }

    /// The prompt border's hint: as many hints as fit in `width` cells (spaces around
    /// included), in order; one that does not fit is dropped, a shorter later one may still fit.
    static func prompt(_ bindings: KeyBindings, streaming: Bool, width: Int) -> String {
        fit(promptHints(bindings, streaming: streaming), width: width - 2)
    }

    /// The same place's hint for the focused context: the transcript's keys while it has
    /// focus (and nothing streams), else the prompt's.
    static func focused(_ state: AppState, _ bindings: KeyBindings, width: Int) -> String {
        if let hold = state.budgetHold { return fit(budgetHints(bindings, hold: hold), width: width - 2) }
        // A draft waiting to go (for its tool servers, or paced): it cannot be edited, only kept back.
        if state.pacedSend != nil || state.tools.sendAfterStart, !bindings.keys(for: .cancelOrClear).isEmpty {
            return fit([bindings.name(.cancelOrClear) + " keep unsent"], width: width - 2)
        }
        guard state.focus == .transcript, !state.isStreaming else { return prompt(bindings, streaming: state.isStreaming, width: width) }
        return fit(transcriptHints(bindings), width: width - 2)
    }

    /// Joins hints with " · ", skipping any that would make the line wider than `width`.
    static func fit(_ hints: [String], width: Int) -> String {
        var line = ""
        for hint in hints {
            let candidate = line.isEmpty ? hint : line + " · " + hint
            if DisplayWidth.of(candidate) <= width { line = candidate }
        }
        return line
    }
}
