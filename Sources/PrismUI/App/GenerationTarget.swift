import Foundation
import PrismCore

/// Which request a `/generation` record is for: a reply's own (last) request, or one of its
/// tool rounds, and the ledger reservation the record settles.
struct GenerationTarget: Sendable, Equatable {
    var sessionID: String
    var messageID: String
    /// The tool round by its place in `Message.toolRounds`; nil for the reply's own request.
    var round: Int?
    /// The ledger key (`StreamState.spendKey`); nil when it is the reply id.
    var spendKey: String?

    var ledgerKey: String { spendKey ?? messageID }
}

extension Message {
    /// One request of this reply as a round: tool round `round`, or for nil the reply's own
    /// fields (its text, usage, served model, provider and generation id); nil past the rounds.
    func request(_ round: Int?) -> ToolRound? {
        guard let round else {
            return ToolRound(content: content, steps: [], usage: usage, modelServed: modelServed, provider: provider,
                             generationID: generationID)
        }
        guard let rounds = toolRounds, rounds.indices.contains(round) else { return nil }
        return rounds[round]
    }

    /// Puts a looked-up usage on one request of this reply (see `request`), and its provider when none was known.
    mutating func settle(_ round: Int?, usage: TokenUsage, provider: String?) {
        guard let round else {
            self.usage = usage
            if self.provider == nil { self.provider = provider }
            return
        }
        guard var rounds = toolRounds, rounds.indices.contains(round) else { return }
        rounds[round].usage = usage
        if rounds[round].provider == nil { rounds[round].provider = provider }
        toolRounds = rounds
    }
}
