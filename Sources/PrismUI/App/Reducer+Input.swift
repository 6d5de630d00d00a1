import Foundation
import PrismCore
import PrismTerminal

extension Reducer {
    static func input(_ state: inout AppState, _ event: InputEvent, _ env: ReducerEnvironment) -> [Effect] {
        switch event {
        case .resize(let size):
            state.size = size
            return []
        case .resumed:
            return []
        case .terminate(let signal):
            return terminate(&state, signal: signal)
        case .paste(let text):
            if heldDraft(&state) { return [] }
            return paste(&state, text)
        case .mouse(let mouse):
            return self.mouse(&state, mouse)
        case .key(let key):
            return self.key(&state, key, env)
        }
    }

    static func paste(_ state: inout AppState, _ text: String) -> [Effect] {
        let lines = text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") : text
        let clean = TerminalSanitizer.sanitize(lines)
        switch state.focus {
        case .picker:
            state.picker.search.insertOnOneLine(clean)
            state.picker.selection = 0
        case .browser where state.browser.renaming != nil:
            state.browser.renaming?.editor.insertOnOneLine(clean)
        case .browser:
            state.browser.filterField.insertOnOneLine(clean)
            state.browser.selection = 0
            return filterChanged(&state)
        case .providers:
            state.providers?.priceField?.insertOnOneLine(clean)
        case .stats:
            break  // nothing is typed in the analytics view
        default:
            state.focus = .prompt
            state.prompt.insert(clean) // a pasted newline is text, never "send"
        }
        return []
    }

    static func mouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
        if state.isComparing, compareMouse(&state, mouse) { return [] }
        switch mouse.kind {
        case .wheelUp:
            if state.focus == .picker { movePicker(&state, -3) } else if state.focus == .providers { moveProviders(&state, -3) }
            else if state.focus == .stats { scrollStats(&state, -3) } else { scroll(&state, .lines(-3)) }
        case .wheelDown:
            if state.focus == .picker { movePicker(&state, 3) } else if state.focus == .providers { moveProviders(&state, 3) }
            else if state.focus == .stats { scrollStats(&state, 3) } else { scroll(&state, .lines(3)) }
        case .press, .release:
            break
        }
        return []
    }

    static func key(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        if state.confirmingDeleteID != nil {
            if state.focus == .transcript, env.bindings.confirm[key] == .yes || BindingLookup.transcript(key, env.bindings) == .deleteMessage {
                return deleteMessage(&state, env.bindings)
            }
            state.confirmingDeleteID = nil
            notify(&state, "nothing deleted")
            if key == Key(.escape) { return [] }
        }
        if let hold = state.budgetHold, let effects = budgetKey(&state, hold, key, env) { return effects }
        if state.focus != .tools, let effects = toolApprovalKey(&state, key, env) { return effects }
        if env.bindings.command(for: key) == .cancelOrClear, cancelPacedSend(&state) || cancelSendAfterStart(&state) { return [] }
        if editsPrompt(state, key), heldDraft(&state) { return [] }
        // Overlays take every key first.
        switch state.focus {
        case .help:
            let page = max(1, state.size.height / 2)
            let steps: [Key.Code: Int] = [.up: -1, .down: 1, .pageUp: -page, .pageDown: page, .home: -Int.max / 2, .end: Int.max / 2]
            if let step = steps[key.code], key.modifiers.isEmpty {
                state.helpScroll = max(0, min(HelpText.maxScroll(state, env.bindings), state.helpScroll + step))
            } else {
                state.focus = .prompt
            }
            return []
        case .picker:
            if let effects = pickerKey(&state, key, env) { return effects }
        case .browser:
            if let effects = browserKey(&state, key, env.bindings) { return effects }
        case .themes:
            if let effects = themeKey(&state, key, env.bindings) { return effects }
        case .fallbacks:
            if let effects = fallbacksKey(&state, key, env) { return effects }
        case .providers:
            return providersKey(&state, key, env)
        case .stats:
            return statsKey(&state, key, env)
        case .leaderboard:
            return leaderboardKey(&state, key, env)
        case .routeWhy:
            return routeWhyKey(&state, key, env)
        case .tools:
            return toolsOverlayKey(&state, key, env)
        case .transcript:
            if let command = BindingLookup.transcript(key, env.bindings) { return run(command, &state, env) }
            if case .character(let c) = key.code, key.modifiers.isEmpty {
                state.focus = .prompt
                state.prompt.insert(String(c))
                return []
            }
        case .prompt:
            break
        }
        if let command = env.bindings.command(for: key), !(command.isCompareOnly && !state.isComparing) {
            return run(command, &state, env)
        }
        if state.focus == .prompt {
            let wasEmpty = state.prompt.isEmpty
            editPrompt(&state, key, env.bindings)
            // A draft begins: read the ledger's totals again, so the budget check at Enter
            // counts what other windows and commands spent (or hold in flight) meanwhile, and
            // each model's saved routing, which another window may have changed.
            if wasEmpty, !state.prompt.isEmpty, !state.demo {
                return (state.budget.isOff ? [] : [.computeSpentToday]) + [.loadRouting] + healthRefresh(state) + rangeFetches(state)
            }
        }
        return []
    }

    /// The providers of each `:nitro` or `:floor` model about to be asked whose price range is
    /// not known yet: those variants may cost what the dearest provider charges.
    static func rangeFetches(_ state: AppState) -> [Effect] {
        // Only OpenRouter has `:nitro`/`:floor` and `/endpoints`: elsewhere each draft would ask in vain.
        guard state.offersRoutingVariants else { return [] }
        let bases = (0..<state.session.laneCount).compactMap { state.model(ofLane: $0) }.compactMap { model -> String? in
            let (base, variants) = ModelVariant.parse(model)
            guard variants.contains(.nitro) || variants.contains(.floor), state.priceRanges[base] == nil else { return nil }
            return base
        }
        return Array(Set(bases)).sorted().map { .loadProviders(model: $0, refresh: false) }
    }

    /// Carries out a command, whichever key asked for it.
    static func run(_ command: Command, _ state: inout AppState, _ env: ReducerEnvironment) -> [Effect] {
        switch command {
        case .quit:
            return quit(&state, env.bindings)
        case .send:
            return state.focus == .prompt || state.focus == .transcript ? send(&state, env) : []
        case .newline:
            state.focus = .prompt
            state.prompt.insert("\n")
        case .cancel:
            if state.isStreaming { return cancelLanes(&state) }
            if !state.prompt.isEmpty { state.prompt.clear() } else { notify(&state, "\(env.bindings.name(.quit)) quits") }
        case .cancelOrClear:
            if state.lane.stream != nil { return cancelLanes(&state, [state.focusedLane]) }
            if state.focus != .prompt { state.focus = .prompt }
        case .togglePicker:
            if pickingFallback(state) {
                closeFallbackPicker(&state)
                return []
            }
            if state.focus != .picker, blindRefuses(&state, "the picker") { return [] }
            state.focus = state.focus == .picker ? .prompt : .picker
            if state.focus == .picker {
                state.picker.marked = state.comparedModels ?? []
                selectCurrentModelInPicker(&state)
                return catalogLoadEffects(state)
            }
        case .openSessions:
            state.focus = .browser
            state.browser.filter = ""
            state.browser.confirmingDelete = nil
            state.browser.renaming = nil
            return [.listSessions]
        case .help:
            state.focus = .help
            state.helpScroll = 0
        case .switchTheme:
            state.focus = .themes
            return [.listThemes]
        case .scrollUp: scroll(&state, .lines(-1))
        case .scrollDown: scroll(&state, .lines(1))
        case .pageUp: scroll(&state, .pages(-1))
        case .pageDown: scroll(&state, .pages(1))
        case .scrollTop: scroll(&state, .top)
        case .scrollBottom: scroll(&state, .bottom)
        case .previousMessage: jumpMessage(&state, by: -1)
        case .nextMessage: jumpMessage(&state, by: 1)
        case .toggleReasoning:
            if let id = selectedOrLastReply(state)?.id {
                if state.lane.view.expandedReasoning.contains(id) {
                    state.lane.view.expandedReasoning.remove(id)
                } else {
                    state.lane.view.expandedReasoning.insert(id)
                }
            }
        case .toggleToolResults:
            guard let id = selectedOrLastReply(state)?.id else { return [] }
            if state.lane.view.expandedTools.remove(id) == nil { state.lane.view.expandedTools.insert(id) }
        case .copyMessage:
            guard let message = selectedOrLast(state) else { return [] }
            notify(&state, "copied the message")
            return [.copyToClipboard(message.content)]
        case .copyCode:
            guard let message = selectedOrLastReply(state), let code = CodeBlocks.last(in: message.content) else {
                notify(&state, "no code block to copy")
                return []
            }
            notify(&state, "copied the code block")
            return [.copyToClipboard(code)]
        case .regenerate:
            return regenerate(&state, env)
        case .editLast:
            return editLast(&state, env.bindings)
        case .newSession:
            let effects = cancelLanes(&state)
            var fresh = Session(id: "", createdAt: state.now, systemPrompt: state.session.systemPrompt,
                                model: state.session.model, settings: state.session.settings)
            fresh.routed = state.isRouted  // a new session keeps routing, as it keeps the model
            show(fresh, in: &state)
            notify(&state, "new session")
            return effects
        case .openEditor:
            return [.openEditor(text: state.prompt.text)]
        case .previousSibling: return flipSibling(&state, by: -1, env.bindings)
        case .nextSibling: return flipSibling(&state, by: 1, env.bindings)
        case .focusTranscript:
            if state.focus == .prompt, state.prompt.isCaretAtEnd,
               let completion = SlashCompletion(state.prompt.text, sets: state.modelSets) {
                if let completed = completion.completed { state.prompt.set(completed) }
                return []
            }
            if state.focus == .transcript { state.focus = .prompt } else { enterTranscript(&state) }
        case .suspend:
            return [.suspendToShell]
        case .previousPane, .nextPane:
            let count = state.lanes.count
            focusLane(&state, (state.focusedLane + (command == .nextPane ? 1 : count - 1)) % count)
        case .focusPane1: focusLane(&state, 0)
        case .focusPane2: focusLane(&state, 1)
        case .focusPane3: focusLane(&state, 2)
        case .focusPane4: focusLane(&state, 3)
        case .toggleScrollLock:
            guard state.isComparing else { return [] }
            state.scrollLocked.toggle()
            notify(&state, state.scrollLocked ? "scrolling all panes together" : "each pane scrolls on its own")
        case .pickPane:
            return pickPane(&state, env.bindings)
        case .deleteMessage:
            return deleteMessage(&state, env.bindings)
        case .forkSession:
            return fork(&state, env)
        case .editFallbacks:
            return openFallbacks(&state)
        case .openProviders:
            return openProviders(&state, model: currentModel(state))
        case .openStats:
            return openStats(&state, range: state.statsRange)
        case .tieRound:
            return judgeRound(&state, kind: .tie, env.bindings)
        case .allBad:
            return judgeRound(&state, kind: .allBad, env.bindings)
        case .thumbUp, .thumbDown:
            return thumb(&state, up: command == .thumbUp)
        case .openLeaderboard:
            return openLeaderboard(&state)
        case .routeWhy:
            openRouteWhy(&state, env.bindings)
        case .toggleWeb:
            return toggleWeb(&state, env)
        }
        return []
    }
}

/// Looks up transcript-only keys, then the configured bindings.
enum BindingLookup {
    static func transcript(_ key: Key, _ bindings: KeyBindings) -> Command? {
        bindings.transcript[key] ?? bindings.command(for: key)
    }
}
