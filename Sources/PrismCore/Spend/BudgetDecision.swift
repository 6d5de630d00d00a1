import Foundation

/// Which limit a refusal is about.
public enum BudgetCap: String, Sendable, Equatable {
    case perRequest = "per-request"
    case daily
    case monthly
    /// A cap is set but the send's cost has no upper bound (a model without a known price).
    case unbounded
}

/// Why a send was stopped, in one line, and what would make it fit.
public struct BudgetRefusal: Sendable, Equatable {
    public var cap: BudgetCap
    /// One line naming the cap, the worst case or what was spent, and when the cap resets.
    public var message: String
    /// The largest `max_tokens` under which the send fits every cap; nil when none does
    /// (the input alone is over, or the price is unknown).
    public var fittingMaxTokens: Int?
    /// The same facts in fewer words, for an 80-column status bar:
    /// "daily cap $2: $1.95 spent + ≤ $0.12 · resets 00:00 (in 3 h 12 min)".
    public var shortMessage: String

    public init(cap: BudgetCap, message: String, fittingMaxTokens: Int? = nil, shortMessage: String? = nil) {
        self.cap = cap
        self.message = message
        self.fittingMaxTokens = fittingMaxTokens
        self.shortMessage = shortMessage ?? message
    }
}

/// What the budget policy says about a send.
public enum BudgetDecision: Sendable, Equatable {
    /// Within every cap, nothing to say.
    case allow
    /// Within every cap, but past `warn_at` of the daily or monthly one: send, and say this.
    case warn(String)
    /// Within every cap, but the worst case is above `confirm_above`: ask first (this line).
    case confirm(String)
    /// Over a cap (or unbounded under one): not sent unless the user overrides.
    case refuse(BudgetRefusal)

    /// True when the send may go without asking.
    public var sends: Bool {
        switch self {
        case .allow, .warn: return true
        case .confirm, .refuse: return false
        }
    }
}
