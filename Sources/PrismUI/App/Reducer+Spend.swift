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

    /// `.fetchGeneration` for a reply with an OpenRouter generation id and no cost from its stream.
    static func generationLookup(_ state: AppState, messageID: String) -> [Effect] {
        guard !state.demo, let message = state.session.message(messageID), let id = message.generationID,
              id.hasPrefix("gen-") else { return [] }
        if let usage = message.usage, usage.cost != nil, usage.source != .estimate { return [] }
        return [.fetchGeneration(sessionID: state.session.id, messageID: messageID, generationID: id)]
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

    /// Puts the record's cost and tokens on the reply, saves, and counts the cost in today's spend.
    static func generationLoaded(_ state: inout AppState, sessionID: String, messageID: String,
                                 record: GenerationRecord) -> [Effect] {
        guard var usage = record.usage, let cost = usage.cost else {
            return generationFailed(&state, sessionID: sessionID, messageID: messageID, reason: "the generation record has no cost")
        }
        var effects: [Effect] = []
        var model = record.model
        if sessionID == state.session.id, let index = state.session.index(of: messageID) {
            model = state.session.messages[index].modelRequested ?? state.session.messages[index].modelServed ?? model
            let old = state.session.messages[index].usage
            usage.promptTokens = usage.promptTokens ?? old?.promptTokens
            usage.completionTokens = usage.completionTokens ?? old?.completionTokens
            usage.totalTokens = usage.totalTokens ?? old?.totalTokens
            usage.reasoningTokens = usage.reasoningTokens ?? old?.reasoningTokens
            state.session.messages[index].usage = usage
            if state.session.messages[index].provider == nil { state.session.messages[index].provider = record.providerName }
            effects.append(.saveSession(state.session))
        }
        addSpend(&state, cost)
        if cost > 0, let model {
            effects.append(.recordSpend(SpendRequest(model: model, provider: record.providerName, sessionID: sessionID,
                                                     source: state.isComparing ? .compare : .chat, free: false),
                                        cost: cost, source: .generation, replyID: messageID))
        } else {
            effects.append(.releaseSpend(replyID: messageID))
        }
        return effects
    }

    /// The lookup gave nothing: a reply that has Prism's estimate counts that in today's spend
    /// (it was held back for the exact figure); the reason shows only for a cancelled or
    /// failed reply, whose cost is otherwise simply unknown.
    static func generationFailed(_ state: inout AppState, sessionID: String, messageID: String, reason: String) -> [Effect] {
        let release: [Effect] = [.releaseSpend(replyID: messageID)]
        guard sessionID == state.session.id, let message = state.session.message(messageID) else { return release }
        if let usage = message.usage, let cost = usage.cost, usage.source == .estimate {
            addSpend(&state, cost)
            guard cost > 0, let model = message.modelRequested ?? message.modelServed else { return release }
            return [.recordSpend(SpendRequest(model: model, provider: message.provider, sessionID: sessionID,
                                              source: state.isComparing ? .compare : .chat, free: false),
                                 cost: cost, source: .estimate, replyID: messageID)]
        }
        if message.status == .cancelled || message.status == .failed {
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
