import Foundation
import PrismCore

extension Reducer {
    /// Prompt lines starting with `/` that act instead of being sent.
    static let slashCommands: [(name: String, usage: String)] = [
        ("/attach", "/attach PATH: attach an image or file to the next prompt"),
        ("/detach", "/detach: drop the pending attachments"),
        ("/system", "/system TEXT: set this session's system prompt (/system alone clears it)"),
        ("/model", "/model ID: switch model"),
        ("/compare", "/compare [--blind] ID ID [ID] [ID] or /compare SET: compare 2 to 4 models side by side"),
        ("/blind", "/blind: compare blind (names hidden, panes shuffled until a verdict) from now on, or stop"),
        ("/set", "/set NAME: compare a model set · /set save NAME [ID…] · /set delete NAME"),
        ("/sets", "/sets: list the model sets (in the picker)"),
        ("/fallbacks", "/fallbacks: edit the fallback chain · /fallbacks MODEL [MODEL] · /fallbacks add MODEL · /fallbacks clear"),
        ("/providers", "/providers [ID]: the providers of the current model (or ID): pin, exclude, routing preferences"),
        ("/stats", "/stats [today|7d|30d|all]: analytics: spend, requests and errors per day, per model and provider"),
        ("/tag", "/tag [TAG]: the newest round's tag and why · /tag TAG corrects it · /tag next TAG tags the next prompt"),
        ("/route", "/route [on|off|explain]: send each prompt to the best of your candidates, or stop; explain: why the newest reply went there"),
        ("/leaderboard", "/leaderboard [TAG]: your models rated from picks, ties and thumbs (overall or one tag)"),
        ("/tools", "/tools: tool servers and their tools: turn them on or off, restart, forget approvals"),
        ("/budget", "/budget: caps and spend · /budget daily|monthly|per-request|confirm-above USD|off · /budget warn-at 0.8 · /budget off"),
        ("/web", "/web on|off|N: search the web before answering (N results per search); sources are listed under the reply"),
        ("/pdf", "/pdf ENGINE: how PDFs are read: pdf-text, mistral-ocr, cloudflare-ai, native or default"),
        ("/title", "/title TEXT: rename this session"),
        ("/new", "/new: start a new session"),
        ("/fork", "/fork: a new session with this one's current branch (f in the transcript forks at the selected message)"),
        ("/key", "/key: credit left (account or key limit) and the key's spend"),
        ("/keep", "/keep: save this session again after it was deleted elsewhere"),
    ]

    /// Runs a slash command; nil when the text is not one (it is then sent as a prompt).
    ///
    /// Text starting with one `/` is always a command: an unknown one is refused with a
    /// suggestion and the draft kept, never sent (a typo such as `/modle gpt-5` would
    /// otherwise be a paid prompt). `//` is the escape for a leading slash (`promptText`).
    static func slashCommand(_ state: inout AppState, _ text: String, _ env: ReducerEnvironment) -> [Effect]? {
        guard text.hasPrefix("/"), !text.hasPrefix("//") else { return nil }
        let name = String(text.prefix { !$0.isWhitespace })
        let argument = text.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard slashCommands.contains(where: { $0.name == name }) else {
            notify(&state, unknownCommand(name, env.bindings), .error)
            return []
        }
        state.prompt.clear()
        switch name {
        case "/attach":
            guard !argument.isEmpty else {
                notify(&state, "usage: /attach PATH", .error)
                return []
            }
            // Whether the file can be read is the effect's question: no I/O in the reducer.
            return [.checkAttachment(argument)]
        case "/detach":
            state.pendingAttachments.removeAll()
            notify(&state, "attachments dropped")
        case "/route":
            return routeCommand(&state, argument, env)
        case "/system":
            state.session.systemPrompt = argument.isEmpty ? nil : argument
            notify(&state, argument.isEmpty ? "system prompt cleared" : "system prompt set for this session")
            return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
        case "/model":
            guard !argument.isEmpty else {
                if blindRefuses(&state, "the picker") { return [] }
                state.focus = .picker
                return catalogLoadEffects(state)
            }
            state.session.model = argument
            let chain = adaptChain(&state, to: argument)
            if !state.catalog.isEmpty, state.catalogEntry(argument) == nil {
                notify(&state, "model: \(argument) (not in the catalog)" + chain, .error)
            } else if let note = state.catalogEntry(argument)?.variantNote {
                notify(&state, "model: \(argument) (\(note))" + chain)
            } else {
                notify(&state, "model: \(argument)" + chain)
            }
            return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
        case "/compare":
            var models = argument.split(separator: " ").map(String.init)
            let blind = models.first == "--blind"
            if blind { models.removeFirst() }
            if models.count == 1, !blind { return useSet(&state, models[0], env) }
            guard (2...Lane.maxCount).contains(models.count) else {
                notify(&state, "usage: /compare [--blind] MODEL MODEL [MODEL] [MODEL] or /compare SET", .error)
                return []
            }
            return enterCompare(&state, models: models, blind: blind, env)
        case "/set":
            return setCommand(&state, argument, env)
        case "/sets":
            return listSets(&state, env.bindings)
        case "/budget":
            return budgetCommand(&state, argument)
        case "/fallbacks":
            return fallbacksCommand(&state, argument)
        case "/providers":
            return openProviders(&state, model: argument.isEmpty ? currentModel(state) : argument)
        case "/stats":
            return statsCommand(&state, argument)
        case "/blind":
            return blindCommand(&state, env)
        case "/tag":
            return tagCommand(&state, argument)
        case "/leaderboard":
            return leaderboardCommand(&state, argument)
        case "/tools":
            return openTools(&state)
        case "/title":
            guard !argument.isEmpty else { return [] }
            state.session.title = Session.cleanTitle(argument)
            notify(&state, argument.count > Session.maxTitleLength ? "renamed (cut to \(Session.maxTitleLength) characters)" : "renamed")
            return state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
        case "/web":
            return webCommand(&state, argument, env)
        case "/pdf":
            return pdfCommand(&state, argument)
        case "/new":
            return run(.newSession, &state, env)
        case "/keep":
            return keep(&state)
        case "/key":
            return keyCommand(&state)
        case "/fork":
            return fork(&state, env)
        default:
            break
        }
        return []
    }

    /// What a sent line says once the `//` escape is undone: `//etc/hosts` sends `/etc/hosts`.
    static func promptText(_ text: String) -> String {
        text.hasPrefix("//") ? String(text.dropFirst()) : text
    }

    /// The notice for an unknown `/word`: the closest command when one is close, else where commands are listed.
    static func unknownCommand(_ name: String, _ bindings: KeyBindings) -> String {
        if let near = SlashCompletion.nearestCommand(to: name) { return "unknown command \(name): did you mean \(near)?" }
        let help = bindings.keys(for: .help).isEmpty ? "/ and Tab list commands" : bindings.name(.help) + " lists commands"
        return "unknown command \(name): \(help); // sends a leading /"
    }
}
