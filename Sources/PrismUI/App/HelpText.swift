import Foundation
import PrismCore
import PrismTerminal

/// What the help overlay lists, as plain lines: every bound command, then notes on
/// compare mode, model sets, the prompt commands and the picker.
///
/// Pure, so the reducer can clamp scrolling with the same line count the pane draws.
enum HelpText {
    enum Line: Equatable {
        /// Keys in a column, then what they do.
        case binding(keys: String, summary: String)
        /// Explanatory text (already wrapped to the width).
        case note(String)
    }

    /// Width of the keys column.
    static let keysWidth = 22

    static func lines(_ bindings: KeyBindings, width: Int) -> [Line] {
        var lines: [Line] = []
        for command in Command.allCases where !command.isCompareOnly {
            let keys = bindings.keys(for: command).map(\.hintName)
            let transcript = bindings.transcriptKeys(for: command).map(\.hintName)
            guard !keys.isEmpty || !transcript.isEmpty else { continue }
            // A summary wider than the box goes on under its keys rather than being cut.
            let room = max(8, width - keysWidth - 1)
            let wrapped = TextWrap.wrap(StyledLine(command.summary), width: room).map(\.text)
            for (i, part) in (wrapped.isEmpty ? [command.summary] : wrapped).enumerated() {
                lines.append(.binding(keys: i == 0 ? (keys + transcript.map { "\($0)*" }).joined(separator: ", ") : "", summary: part))
            }
        }
        var notes = OverlayPanes.compareKeys(bindings)
        notes += [
            "Model sets: ◫ rows at the top of the picker (\(bindings.name(PickerCommand.choose)) compares one, \(bindings.name(PickerCommand.mark)) marks its models); "
                + "/set save NAME keeps the models you compare; /set NAME or /compare NAME brings them back; "
                + "/set delete NAME; [sets] in config.toml.",
            "",
            "* in the transcript (\(bindings.name(.focusTranscript)) to focus it; it selects the message in view). Copy, reasoning and versions act "
                + "on the selected message there (marked ▌) and on the newest reply anywhere else; on a selected prompt, "
                + "versions are its edits and \(bindings.name(.editLast)) edits it. A fork's status bar says what it was forked from.",
            "Every text field (prompt, picker search, session filter, rename), [keys.editor]: " + editorKeys(bindings) + ". "
                + "Prompt: Up/Down for history; Tab completes a /command or a set name.",
            "Every key here can be rebound in config.toml's [keys] (contexts: transcript, picker, browser, themes, "
                + "confirm, compare, providers, stats, leaderboard, why), with names such as ctrl+k, alt+enter, f1; a rebound key shows its new name here and in the hints.",
            "Prompt commands:",
        ]
        notes += Reducer.slashCommands.map { "  " + $0.usage }
        notes.append("  //TEXT: send TEXT with one leading / (any other unknown /word is refused, never sent)")
        func pickerKeys(_ command: PickerCommand) -> String {
            bindings.keys(for: command).map(\.hintName).joined(separator: " or ")
        }
        notes.append("Picker: type to search (Space separates words), \(pickerKeys(.sort)) sort, \(pickerKeys(.favourite)) favourite, "
            + "\(pickerKeys(.mark)) marks a model to compare, \(pickerKeys(.choose)) chooses, \(pickerKeys(.close)) closes, "
            + "\(pickerKeys(.variant)) cycles the row's variants (:free, :nitro, :floor, :online, …) ([keys.picker]). "
            + "Sessions: type to filter, \(bindings.name(BrowserCommand.rename)) rename (the old title, Ctrl-U clears it), "
            + "\(bindings.name(BrowserCommand.delete)) delete, \(bindings.name(BrowserCommand.export)) export.")
        notes.append("Fallbacks (\(bindings.name(.editFallbacks)) or /fallbacks): models OpenRouter tries in order when the current one fails, "
            + "at most \(FallbackChain.maxFallbacks). \(bindings.name(FallbacksCommand.add)) adds (from the picker), \(bindings.name(FallbacksCommand.remove)) removes, "
            + "\(bindings.name(FallbacksCommand.moveUp))/\(bindings.name(FallbacksCommand.moveDown)) move, \(bindings.name(FallbacksCommand.save)) keeps it for the session, "
            + "\(bindings.name(FallbacksCommand.saveDefault)) makes it the model's default, \(bindings.name(FallbacksCommand.discard)) discards ([keys.fallbacks]).")
        func providerKeys(_ commands: ProvidersCommand...) -> String {
            commands.map { bindings.name($0) }.joined(separator: "/")
        }
        notes.append("Providers (\(bindings.name(.openProviders)), /providers, or \(bindings.name(PickerCommand.providers)) on a picker row): "
            + "\(providerKeys(.sort)) lists by price/throughput/latency/uptime, \(providerKeys(.pin)) pins (tried 1, 2, 3…), "
            + "\(providerKeys(.moveUp, .moveDown)) move a pin, \(providerKeys(.exclude)) excludes, \(providerKeys(.quantization)) filters by the row's quantization, "
            + "\(providerKeys(.fallbacks)) fallbacks, \(providerKeys(.routingSort)) routing sort, \(providerKeys(.maxPrice)) max price, "
            + "\(providerKeys(.dataCollection)) deny data collection, \(providerKeys(.zdr)) ZDR; \(providerKeys(.save)) saves for the model, "
            + "\(providerKeys(.close)) discards, \(providerKeys(.reset)) forgets what is saved, \(providerKeys(.refresh)) fetches again ([keys.providers]).")
        func statsKeys(_ commands: StatsCommand...) -> String {
            commands.map { bindings.name($0) }.joined(separator: "/")
        }
        notes.append("Analytics (\(bindings.name(.openStats)) or /stats [today|7d|30d|all]): spend, requests and errors per day and a table "
            + "per model, provider or tag from the reply history. \(statsKeys(.range)) next range, \(statsKeys(.models))/\(statsKeys(.providers))/\(statsKeys(.tags)) "
            + "the table, \(statsKeys(.up, .down, .pageUp, .pageDown)) scroll, \(statsKeys(.close)) closes ([keys.stats]).")
        func boardKeys(_ commands: LeaderboardCommand...) -> String {
            commands.map { bindings.name($0) }.joined(separator: "/")
        }
        notes.append("Leaderboard (\(bindings.name(.openLeaderboard)) or /leaderboard [TAG]): every pick, tie, all bad and thumb "
            + "(\(bindings.name(.thumbUp))/\(bindings.name(.thumbDown)), or \(bindings.transcriptName(.thumbUp))/\(bindings.transcriptName(.thumbDown)) in the transcript) "
            + "rates models with Bradley-Terry, per tag (/tag shows or corrects a round's tag). "
            + "\(boardKeys(.nextTag, .previousTag)) changes the tag, \(boardKeys(.close)) closes ([keys.leaderboard]).")
        notes.append("Route (the picker's first row, or /route [on|off|explain]): each prompt goes to the best of your [route] candidates "
            + "or favourites, and its reply says why in one line; \(bindings.name(.routeWhy)) shows the breakdown, "
            + "\(bindings.name(RouteWhyCommand.close)) closes ([keys.why]).")
        func toolKeys(_ commands: ToolsCommand...) -> String { commands.map { bindings.name($0) }.joined(separator: "/") }
        notes.append("Tools: a tool call asks first: \(toolKeys(.once)) once, \(toolKeys(.alwaysTool)) always this tool, "
            + "\(toolKeys(.alwaysServer)) always this server, \(toolKeys(.deny)) deny, \(bindings.name(.cancelOrClear)) stops the turn. "
            + "/tools lists servers and tools: \(toolKeys(.toggleTool)) tool on/off, \(toolKeys(.toggleServer)) server on/off, "
            + "\(toolKeys(.restart)) restart, \(toolKeys(.clearApprovals)) forget approvals, \(toolKeys(.close)) closes ([keys.tools]).")
        notes.append("Budget: a send over a cap (or above confirm_above) is held, not sent: \(bindings.name(BudgetCommand.sendAnyway)) sends it anyway, "
            + "\(bindings.name(BudgetCommand.lowerMaxTokens)) lowers max_tokens to fit, \(bindings.name(BudgetCommand.back)) goes back to the draft ([keys.budget]). "
            + "A tool turn's later rounds are weighed the same way: held, the turn pauses; \(bindings.name(BudgetCommand.back)) stops it there.")
        for note in notes {
            // A hanging indent two cells deeper than the note's own, so wrapped notes stay readable.
            let indent = note.prefix { $0 == " " }.count
            let body = StyledLine(String(note.dropFirst(indent)))
            let wrapped = TextWrap.wrap(body, width: max(1, width), prefix: StyledLine(String(repeating: " ", count: indent)),
                                        continuation: StyledLine(String(repeating: " ", count: indent + 2)))
            lines += (wrapped.isEmpty ? [StyledLine()] : wrapped).map { .note($0.text) }
        }
        return lines
    }

    /// "Ctrl-A/Home line start, …": every editing command with its keys as bound now.
    static func editorKeys(_ bindings: KeyBindings) -> String {
        EditorCommand.allCases.compactMap { command in
            let keys = bindings.editor.filter { $0.value == command }.map(\.key)
                .sorted { ($0.modifiers.isEmpty ? 1 : 0, $0.hintName) < ($1.modifiers.isEmpty ? 1 : 0, $1.hintName) }
            guard !keys.isEmpty else { return nil }
            return keys.map(\.hintName).joined(separator: "/") + " " + command.summary
        }.joined(separator: ", ")
    }

    /// The furthest the help can scroll on this screen: lines beyond what the overlay shows.
    static func maxScroll(_ state: AppState, _ bindings: KeyBindings) -> Int {
        guard let overlay = Layout(size: state.size, focus: .help, promptLines: 1).overlay else { return 0 }
        let inner = overlay.inset(top: 1, left: 2, bottom: 1, right: 2)
        return max(0, lines(bindings, width: inner.width).count - inner.height)
    }
}
