import Foundation
import PrismCore
import PrismTerminal

/// A send the budget policy did not let through on its own: refused by a cap, or above
/// `confirm_above`. The draft stays in the prompt; the user sends anyway, lowers
/// `max_tokens` to fit, or goes back (see `KeyBindings.budget`).
public struct BudgetHold: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case refused, confirm }
    /// What was held: a prompt (one request, or a compare round), or a regeneration of a lane.
    public enum Pending: Sendable, Equatable {
        case send
        case regenerate(lane: Int)
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
