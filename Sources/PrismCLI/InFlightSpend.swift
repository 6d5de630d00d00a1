import Foundation
import PrismCore

/// `prism ask` and `prism compare` in the spend ledger: each request reserves its worst
/// case when it starts, so requests in flight count for every Prism process, and settles
/// to the exact cost (or is released) when it ends.
///
/// The ledger never stops a reply: a ledger that cannot be written is one warning line.
struct InFlightSpend {
    let ledger: SpendLedger
    let source: SpendEntry.Source
    let sessionID: String?

    /// Free models are told by the request's catalog price, or a `:free` id.
    struct Reservation {
        var id: ReservationID?
        var request: SpendRequest
    }

    init(context: CLIContext, source: SpendEntry.Source, sessionID: String?) {
        self.ledger = SpendLedger(paths: context.paths)
        self.source = source
        self.sessionID = sessionID
    }

    /// Before a request to a free model: waits, saying so on stderr, while 20 requests to free
    /// models (from any Prism process) started in the last minute, so the platform's limit
    /// is never hit. Paid models never wait.
    func paceIfFree(_ request: ChatRequest, now: @Sendable () -> Date = Date.init) async {
        guard SpendRequest.isFree(model: request.model, pricing: request.pricing) else { return }
        while true {
            let start = now()
            guard let starts = attempt({ try ledger.freeRequestStarts(since: start.addingTimeInterval(-60), now: start) }),
                  let delay = FreeTier.pacingDelay(recent: starts, now: start) else { return }
            let seconds = Int(delay.rounded(.up))
            StandardIO.error("prism: free models allow \(FreeTier.perMinute) requests a minute: waiting \(seconds) s")
            try? await Task.sleep(nanoseconds: UInt64(max(0.05, delay) * 1_000_000_000))
            if Task.isCancelled { return }
        }
    }

    /// Reserves `estimate`'s worst case (the one budgets checked); nothing for a free model,
    /// and nothing when no price bounds it (the settled cost still counts when it ends).
    func reserve(_ request: ChatRequest, estimate: CostEstimate) -> Reservation {
        let spend = SpendRequest(model: request.model, sessionID: sessionID, source: source,
                                 free: SpendRequest.isFree(model: request.model, pricing: request.pricing))
        let worstCase = spend.free ? 0 : estimate.worstCase ?? 0
        let id = attempt { try ledger.reserve(spend, worstCase: worstCase) }
        return Reservation(id: id, request: spend)
    }

    /// Settles to the reply's cost; releases when there is none (a free model's reply costs 0).
    func finish(_ reservation: Reservation?, reply: Reply) {
        guard let reservation else { return }
        let cost = reply.usage?.cost ?? (reservation.request.free ? 0 : nil)
        let source = SpendEntry.CostSource.of(reply.usage) ?? .estimate
        attempt {
            switch (reservation.id, cost) {
            case (let id?, let cost?):
                try ledger.settle(id, cost: cost, source: source, provider: reply.provider)
            case (let id?, nil):
                try ledger.release(id)
            case (nil, let cost?):
                var request = reservation.request
                request.provider = reply.provider
                try ledger.record(request, cost: cost, source: source)
            case (nil, nil):
                break
            }
        }
    }

    @discardableResult
    private func attempt<T>(_ body: () throws -> T) -> T? {
        defer {
            for notice in ledger.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        }
        do {
            return try body()
        } catch {
            StandardIO.error("prism: warning: spend ledger: \(TerminalSanitizer.metadata("\(error)"))")
            return nil
        }
    }
}
