import Foundation
import PrismCore

/// The session's total cost for the status bar, without summing every message each frame.
///
/// Messages are only ever appended and a reply's cost is final once it finishes, so
/// the sum over all but the newest few messages is kept and only that tail is added
/// up again per frame. A different session, or fewer messages, starts over.
struct CostTally {
    /// Messages this close to the end may still be streaming and are always re-added.
    static let tail = 16

    private var sessionID: String?
    private var prefixCount = 0
    private var prefix = (cost: Decimal(0), estimated: false, known: false)

    mutating func total(of session: Session) -> (cost: Decimal, estimated: Bool, known: Bool) {
        let stable = max(0, session.messages.count - Self.tail)
        if session.id != sessionID || stable < prefixCount {
            sessionID = session.id
            prefixCount = 0
            prefix = (0, false, false)
        }
        if stable > prefixCount {
            add(session.messages[prefixCount..<stable], to: &prefix)
            prefixCount = stable
        }
        var result = prefix
        add(session.messages[stable...], to: &result)
        return result
    }

    private func add(_ messages: ArraySlice<Message>, to total: inout (cost: Decimal, estimated: Bool, known: Bool)) {
        for i in messages.indices {
            guard messages[i].role == .assistant, let usage = messages[i].turnUsage, let cost = usage.cost else { continue }
            total.cost += cost
            total.known = true
            if usage.costIsEstimate { total.estimated = true }
        }
    }
}
