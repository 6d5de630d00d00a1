import Foundation
import PrismCore

/// Effects on what Prism records in prism.db: verdicts, route health, reply history and the
/// analytics read from it. Writes go on the ledger's queue, in order with the replies' rows.
extension LiveEffects {
    func handleRecords(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case .recordCompareOutcomes(let outcomes):
            guard let history else { return }
            // After the replies' own rows, which were written on this queue when they finished.
            ledgerQueue.async {
                for (replyID, outcome) in outcomes.sorted(by: { $0.key < $1.key }) {
                    do { _ = try history.setCompareOutcome(replyID: replyID, outcome) } catch { post(.warned("reply history: \(error)")) }
                }
                for notice in history.takeNotices() { post(.warned(notice)) }
            }
        case .loadStats(let range):
            guard let source = statsSource else {
                post(.statsFailed(range: range, reason: "no history kept here"))
                return
            }
            statsQueue.async {
                do {
                    post(.statsLoaded(try source.report(range: range, now: Date())))
                } catch {
                    post(.statsFailed(range: range, reason: "could not read the reply history: \(error)"))
                }
            }
        case .decideRoute(let id, let ask):
            // On the ledger queue: a verdict or reply recorded before this prompt counts.
            // A model the history has not timed gets its providers' published speed, through the
            // endpoint cache the provider table uses, waiting 2 s at most.
            let cache = routeEvidence, endpoints = self.endpoints, client = self.client
            ledgerQueue.async {
                var evidence = RouteEvidence()
                do { evidence = try cache.evidence(now: Date()) } catch { post(.warned("route: ratings and speeds unavailable: \(error)")) }
                guard let endpoints else { return post(.routeDecided(id: id, decision: evidence.decide(ask))) }
                let known = evidence
                Task {
                    let decision = await known.decide(ask) { model in try? await endpoints.endpoints(model: model, client: client) }
                    post(.routeDecided(id: id, decision: decision))
                }
            }
        default:
            break
        }
    }
}

extension LiveEffects {
    /// Verdicts for the leaderboard, on the ledger's queue (same database, in order): a verdict
    /// lands before a leaderboard read after it.
    func handleMatches(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        guard let matches else {
            if case .loadMatches = effect { post(.matchesFailed("verdicts are not kept in demo mode")) }
            return
        }
        let evidence = routeEvidence
        ledgerQueue.async {
            do {
                switch effect {
                case .recordMatches(let records):
                    try matches.record(records)
                    evidence.invalidate()
                case .retagRound(let ids, let tag):
                    for id in ids { try matches.retag(roundID: id, to: tag) }
                    evidence.invalidate()
                case .loadMatches: post(.matchesLoaded(try matches.all()))
                default: break
                }
            } catch {
                if case .loadMatches = effect { post(.matchesFailed("\(error)")) } else { post(.warned("leaderboard: \(error)")) }
            }
            for notice in matches.database.takeNotices() { post(.warned(notice)) }
        }
    }

    /// Health reads and reply records, on the ledger's queue (same database, in order): a
    /// reply's outcome lands before the circuits read after it.
    func handleHealth(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        guard let health, let history else { return }
        let evidence = routeEvidence
        ledgerQueue.async {
            do {
                if case .recordReply(let record) = effect {
                    try history.record(record)
                    evidence.invalidate()
                }
                post(.healthRead(try health.snapshot(now: Date())))
            } catch {
                post(.warned("reply history: \(error)"))
            }
            for notice in health.takeNotices() { post(.warned(notice)) }
        }
    }
}
