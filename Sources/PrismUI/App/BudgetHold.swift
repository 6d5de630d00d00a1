import Foundation
import PrismCore
import PrismTerminal

/// A send the budget policy did not let through on its own: refused by a cap, or above
/// `confirm_above`. The draft stays in the prompt; the user sends anyway, lowers
/// `max_tokens` to fit, or goes back (see `KeyBindings.budget`).
public struct BudgetHold: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case refused, confirm }
    /// What was held: a prompt (one request, or a compare round), a regeneration of a lane,
    /// or the next request of a lane's tool turn (`round` counts from 1: the turn's first
    /// request was round 1), which waits paused with its tool results until answered.
    public enum Pending: Sendable, Equatable {
        case send
        case regenerate(lane: Int)
        case toolRound(lane: Int, round: Int)

        /// How the held line begins: what was not sent.
        var lead: String {
            if case .toolRound(_, let round) = self { return "tool round \(round) not sent: " }
            return "not sent: "
        }

        /// `lead` in fewer words, for the short line (the hint bar says it is a tool turn).
        var shortLead: String {
            if case .toolRound(_, let round) = self { return "round \(round): " }
            return "not sent: "
        }

        /// The question asked when the policy wants a confirmation (`text` names the cost).
        func question(_ text: String) -> String {
            if case .toolRound(_, let round) = self { return "tool round \(round): \(text); continue?" }
            return text + "; send?"
        }
    }

    public var kind: Kind
    /// The policy's one line (refusal or question).
    public var message: String
    public var pending: Pending
    /// The largest `max_tokens` that fits, when lowering it can help.
    public var fittingMaxTokens: Int?
    /// The line in fewer words, shown when `message` does not fit the status bar.
    public var shortMessage: String

    public init(kind: Kind, message: String, pending: Pending, fittingMaxTokens: Int? = nil, shortMessage: String? = nil) {
        self.kind = kind
        self.message = message
        self.pending = pending
        self.fittingMaxTokens = fittingMaxTokens
        self.shortMessage = shortMessage ?? message
    }

    /// The line that fits `width` cells: `message`, else `shortMessage`.
    func line(fitting width: Int) -> String {
        DisplayWidth.of(message) <= width ? message : shortMessage
    }
}

extension AppState {
    /// The lane whose tool turn the budget holds before its next round (paused, not streaming).
    var pausedToolLane: Int? {
        if case .toolRound(let lane, _)? = budgetHold?.pending { return lane }
        return nil
    }
}
