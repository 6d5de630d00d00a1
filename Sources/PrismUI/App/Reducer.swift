import Foundation
import PrismCore
import PrismTerminal

/// Turns actions into new state and effects. No I/O happens here.
public enum Reducer {
    public static func reduce(_ state: inout AppState, _ action: Action, _ env: ReducerEnvironment) -> [Effect] {
        switch action {
        case .input(let event):
            let effects = input(&state, event, env)
            keepSelectionInThread(&state)
            dropStaleFallbackEditor(&state)
            return effects
        case .tick(let now):
            state.now = now
            if state.isStreaming || state.catalog.isEmpty && state.catalogError == nil { state.spinnerFrame &+= 1 }
            if let notice = state.notice, notice.expires <= now { state.notice = nil }
            return pacingTick(&state, env)
        case .completion(let id, let event):
            if case .finished = event { rollSpend(&state, env.calendar) }
            return completion(&state, requestID: id, event, env)
        case .catalogLoaded(let snapshot):
            // The same cached catalog read again (each Ctrl-P reads the cache) keeps the array the
            // picker's index was built for; a new one is indexed off this thread.
            let same = snapshot.fetchedAt == state.catalogFetchedAt && snapshot.models.count == state.catalog.count
                && snapshot.models.first == state.catalog.first && snapshot.models.last == state.catalog.last
            if !same {
                state.catalog = snapshot.models
                CatalogIndex.prepare(state.catalog)
            }
            state.catalogFetchedAt = snapshot.fetchedAt
            state.catalogError = nil
            clampPicker(&state)
            return []
        case .catalogFailed(let message):
            state.catalogError = message
            if state.catalog.isEmpty { notify(&state, "model list unavailable: \(message)", .error) }
            return []
        case .keyInfoLoaded(let info):
            state.credits = info
            return []
        case .balanceLoaded(let balance):
            return balanceLoaded(&state, balance)
        case .balanceFailed(let reason):
            return balanceFailed(&state, reason)
        case .generationLoaded(let sessionID, let messageID, let round, let spendKey, let record):
            rollSpend(&state, env.calendar)
            return generationLoaded(&state, GenerationTarget(sessionID: sessionID, messageID: messageID, round: round, spendKey: spendKey), record: record)
        case .generationFailed(let sessionID, let messageID, let round, let spendKey, let reason):
            rollSpend(&state, env.calendar)
            return generationFailed(&state, GenerationTarget(sessionID: sessionID, messageID: messageID, round: round, spendKey: spendKey), reason: reason)
        case .sessionsListed(let listing):
            state.browser.sessions = listing.sessions
            state.browser.problems = listing.problems
            state.browser.selection = min(state.browser.selection, max(0, state.browser.visible.count - 1))
            if let problem = listing.problems.first { notify(&state, problem, .error) }
            return []
        case .sessionLoaded(let session):
            return resume(&state, session)
        case .failed(let failure):
            if case .sessions = failure { state.browser.confirmingDelete = nil }
            notify(&state, failure.message, .error)
            return []
        case .warned(let message):
            notify(&state, message, .error)
            return []
        case .attachmentChecked(let attachment, let typed):
            state.pendingAttachments.append(attachment.noting(pdfEngine: state.session.settings.pdfEngine))
            if attachment.kind == .image, let info = state.modelInfo, !info.acceptsImages {
                notify(&state, "attached \(typed), but \(info.id) does not accept images", .error)
            } else {
                notify(&state, "attached \(typed)")
            }
            return []
        case .attachmentRefused(let typed, let reason):
            notify(&state, "cannot attach \(typed): \(reason)", .error)
            return []
        case .sessionExported(let path):
            notify(&state, "exported to \(path)")
            return []
        case .sessionNotSaved(let id, let reason):
            return notSaved(&state, id: id, reason: reason)
        case .sessionSaved(let id):
            return saved(&state, id: id)
        case .sessionMerged(let saved, let merged, let summary):
            let effects = self.merged(&state, saved: saved, merged: merged, summary: summary)
            keepSelectionInThread(&state)
            return effects
        case .sessionDeletedElsewhere(let id):
            return deletedElsewhere(&state, id: id)
        case .sessionDeleted(let id):
            state.browser.sessions.removeAll { $0.id == id }
            state.browser.confirmingDelete = nil
            state.browser.selection = min(state.browser.selection, max(0, state.browser.visible.count - 1))
            notify(&state, "deleted session \(id)")
            return []
        case .routingLoaded(let saved):
            return routingLoaded(&state, saved: saved)
        case .healthRead(let snapshot):
            state.health = snapshot
            state.healthReadAt = state.now
            return []
        case .spendTotalsComputed(let totals):
            state.spend = totals
            // The ledger's starts, and this window's own that it may not have yet.
            state.freeStarts = Array(Set(totals.freeRequestStarts + state.freeStarts.filter { state.now.timeIntervalSince($0) < 60 })).sorted()
            state.spendAsOf = state.now
            return []
        case .editorFinished(let result):
            switch result {
            case .edited(let text):
                state.prompt.set(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            case .failed(let reason):
                notify(&state, reason, .error)
            }
            state.focus = .prompt
            return []
        case .sessionSearchFinished(let query, let ids):
            if query == state.browser.filter { state.browser.contentMatches = ids }
            return []
        case .themesListed(let names):
            state.availableThemes = names
            return []
        case .providersLoaded(let endpoints, let stale):
            return providersLoaded(&state, endpoints, stale: stale)
        case .providersFailed(let model, let reason):
            return providersFailed(&state, model: model, reason: reason)
        case .routingSaved(let model, let preferences):
            return routingSaved(&state, model: model, preferences: preferences)
        case .statsLoaded(let report):
            return statsLoaded(&state, report)
        case .statsFailed(let range, let reason):
            return statsFailed(&state, range: range, reason: reason)
        case .matchesLoaded(let records):
            return matchesLoaded(&state, records)
        case .matchesFailed(let reason):
            return matchesLoaded(&state, [], error: reason)
        case .routeDecided(let id, let decision):
            return routeDecided(&state, id: id, decision, env)
        case .toolServersLoaded(let infos):
            return toolServersLoaded(&state, infos, env)
        case .toolFinished(let id, let output, let seconds):
            return toolFinished(&state, id, output, seconds: seconds, env)
        case .themeApplied(let name):
            state.theme = name
            notify(&state, "theme: \(name)")
            return []
        }
    }

    /// Shows a status-bar notice for a few seconds.
    static func notify(_ state: inout AppState, _ text: String, _ kind: Notice.Kind = .info) {
        let seconds: Double = kind == .error ? 8 : 3
        state.notice = Notice(TerminalSanitizer.sanitize(text).replacingOccurrences(of: "\n", with: " "),
                              kind: kind, expires: state.now.addingTimeInterval(seconds))
    }

    /// Replaces the current session with a loaded one (from the browser or `--resume`).
    static func resume(_ state: inout AppState, _ session: Session) -> [Effect] {
        let effects = cancelLanes(&state)
        show(session, in: &state)
        notify(&state, "resumed: \(session.title.isEmpty ? session.id : session.title)")
        return effects
    }

    /// Puts another session on screen (resumed, new or forked): fresh lanes, an empty
    /// prompt with the keys, nothing half-done (an edit, a delete being confirmed) carried over.
    static func show(_ session: Session, in state: inout AppState) {
        state.session = session
        state.resetLanes()
        state.editingPromptID = nil
        state.confirmingDeleteID = nil
        state.budgetHold = nil
        state.providers = nil
        state.stats = nil
        state.tools.overlay = nil
        state.prompt.clear()
        state.focus = .prompt
    }
}
