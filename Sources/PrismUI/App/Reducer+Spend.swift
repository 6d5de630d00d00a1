import Foundation
import PrismCore

/// Credit left and the cost of replies whose stream did not say: `/credits` in the status
/// bar (refreshed after replies, at most every 30 s), `/generation` for a reply cancelled,
/// failed or streamed without a cost, `/key`.
extension Reducer {
    /// The balance is asked for again after a reply ends only this long after the last time.
    static let balanceRefreshInterval: TimeInterval = 30

    /// `.fetchBalance` when the balance has not been asked for within the refresh interval
    /// (and nothing streams); none in demo mode.
    static func balanceRefresh(_ state: inout AppState, force: Bool = false) -> [Effect] {
        guard !state.demo, !state.isStreaming || force else { return [] }
        if !force, let asked = state.balanceAskedAt, state.now.timeIntervalSince(asked) < balanceRefreshInterval { return [] }
        state.balanceAskedAt = state.now
        return [.fetchBalance]
    }

    /// `.fetchGeneration` for one request of a reply (a tool round by its place, or nil: the
    /// reply's own, last request) with an OpenRouter generation id and no exact cost from its
    /// stream; `spendKey` is the ledger reservation the record settles (nil: the reply id).
    static func generationLookup(_ state: AppState, messageID: String, round: Int? = nil, spendKey: String? = nil) -> [Effect] {
        guard !state.demo, let message = state.session.message(messageID), let part = message.request(round),
              let id = part.generationID, id.hasPrefix("gen-") else { return [] }
        if let usage = part.usage, usage.cost != nil, usage.source != .estimate { return [] }
        return [.fetchGeneration(sessionID: state.session.id, messageID: messageID, round: round,
                                 spendKey: spendKey == messageID ? nil : spendKey, generationID: id)]
    }

    static func balanceLoaded(_ state: inout AppState, _ balance: Balance) -> [Effect] {
        state.balance = balance
        state.balanceError = nil
        if state.keyReportPending {
            state.keyReportPending = false
            notify(&state, keyReport(state))
        }
        return []
    }

    static func balanceFailed(_ state: inout AppState, _ reason: String) -> [Effect] {
        state.balanceError = reason
        if state.keyReportPending {
            state.keyReportPending = false
            notify(&state, "balance unknown: \(reason)", .error)
        }
        return []
    }

    /// Puts the record's cost and tokens on the request it is for (the reply, or one of its
    /// tool rounds), saves, settles that request's reservation and counts the cost in today's spend.
    static func generationLoaded(_ state: inout AppState, _ target: GenerationTarget, record: GenerationRecord) -> [Effect] {
        guard var usage = record.usage, let cost = usage.cost else {
            return generationFailed(&state, target, reason: "the generation record has no cost")
        }
        var effects: [Effect] = []
        var model = record.model
        if target.sessionID == state.session.id, let index = state.session.index(of: target.messageID),
           let old = state.session.messages[index].request(target.round) {
            model = state.session.messages[index].modelRequested ?? old.modelServed ?? model
            usage.promptTokens = usage.promptTokens ?? old.usage?.promptTokens
            usage.completionTokens = usage.completionTokens ?? old.usage?.completionTokens
            usage.totalTokens = usage.totalTokens ?? old.usage?.totalTokens
            usage.reasoningTokens = usage.reasoningTokens ?? old.usage?.reasoningTokens
            state.session.messages[index].settle(target.round, usage: usage, provider: record.providerName)
            effects.append(.saveSession(state.session))
        }
        addSpend(&state, cost)
        if cost > 0, let model {
            effects.append(.recordSpend(SpendRequest(model: model, provider: record.providerName, sessionID: target.sessionID,
                                                     source: state.isComparing ? .compare : .chat, free: false),
                                        cost: cost, source: .generation, replyID: target.ledgerKey))
        } else {
            effects.append(.releaseSpend(replyID: target.ledgerKey))
        }
        return effects + historyFill(state, target, cost: cost)
    }

    /// The reply history's cost for the reply a record was for, once it is known: a reply's
    /// own (another session's too: its row is keyed by the reply), a tool turn's only when
    /// the turn has ended and every round's cost is in (a round's alone is not the row's).
    static func historyFill(_ state: AppState, _ target: GenerationTarget, cost: Decimal) -> [Effect] {
        guard target.sessionID == state.session.id, let message = state.session.message(target.messageID) else {
            return target.round == nil && target.spendKey == nil ? [.fillReplyCost(replyID: target.messageID, cost: cost, source: .generation)] : []
        }
        guard message.toolRounds?.isEmpty == false else { return [.fillReplyCost(replyID: target.messageID, cost: cost, source: .generation)] }
        guard message.status != .streaming, let turn = message.turnUsage, let total = turn.cost else { return [] }
        return [.fillReplyCost(replyID: target.messageID, cost: total, source: turn.source ?? .generation)]
    }

    /// The lookup gave nothing: a request that has Prism's estimate counts that in today's spend
    /// (it was held back for the exact figure); the reason shows only for a cancelled or
    /// failed reply, whose cost is otherwise simply unknown.
    static func generationFailed(_ state: inout AppState, _ target: GenerationTarget, reason: String) -> [Effect] {
        let release: [Effect] = [.releaseSpend(replyID: target.ledgerKey)]
        guard target.sessionID == state.session.id, let message = state.session.message(target.messageID),
              let part = message.request(target.round) else { return release }
        if let usage = part.usage, let cost = usage.cost, usage.source == .estimate {
            addSpend(&state, cost)
            guard cost > 0, let model = message.modelRequested ?? part.modelServed else { return release }
            return [.recordSpend(SpendRequest(model: model, provider: part.provider, sessionID: target.sessionID,
                                              source: state.isComparing ? .compare : .chat, free: false),
                                 cost: cost, source: .estimate, replyID: target.ledgerKey)]
        }
        if target.round == nil, message.status == .cancelled || message.status == .failed {
            notify(&state, "cost of the stopped reply unknown: \(reason)", .error)
        }
        return release
    }

    /// `/key`: what is known now, and a fresh balance (shown when it arrives).
    static func keyCommand(_ state: inout AppState) -> [Effect] {
        if state.demo {
            notify(&state, "demo mode: no key, no balance")
            return []
        }
        if let server = state.serverLabel {
            notify(&state, "the balance is known only for OpenRouter, not \(server)")
            return []
        }
        state.keyReportPending = true
        notify(&state, state.balance == nil && state.credits == nil ? "asking OpenRouter for the balance…" : keyReport(state))
        return balanceRefresh(&state, force: true) + [.fetchKeyInfo]
    }

    /// "account: $12.34 left ($25 bought, $12.66 used) · key: $0.5 today, $2.5 this month".
    static func keyReport(_ state: AppState) -> String {
        var parts: [String] = []
        if let balance = state.balance {
            switch balance.source {
            case .account:
                var text = "account: \(Formatting.usd(balance.remaining)) left"
                if let total = balance.total, let used = balance.used {
                    text += " (\(Formatting.usd(total)) bought, \(Formatting.usd(used)) used)"
                }
                parts.append(text)
            case .keyLimit:
                parts.append("key limit: \(Formatting.usd(balance.remaining)) left" + (balance.total.map { " of \(Formatting.usd($0))" } ?? "")
                             + " (the account balance needs a management key)")
            }
        } else if let error = state.balanceError {
            parts.append("balance unknown: \(error)")
        }
        if let info = state.credits {
            var usage: [String] = []
            if let daily = info.usageDaily { usage.append("\(Formatting.usd(daily)) today") }
            if let monthly = info.usageMonthly { usage.append("\(Formatting.usd(monthly)) this month") }
            if !usage.isEmpty { parts.append("key used " + usage.joined(separator: ", ")) }
        }
        return parts.isEmpty ? "asking OpenRouter for the balance…" : parts.joined(separator: " · ")
    }
}
