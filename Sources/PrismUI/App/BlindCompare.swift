import Foundation
import PrismCore

/// Blind compare (LMArena's method, for one person): the panes are shuffled when compare
/// mode starts and drawn as "Pane A", "Pane B", … with no model or provider until the round
/// gets a verdict (pick, tie, all bad); the next round hides them again and shuffles the
/// panes anew, so what the reveal showed ("Pane A was X") says nothing about the next round.
///
/// The screen never sees the names: `masked` gives the renderer a copy of the state with
/// every compared model id replaced by its pane's label (compare record, replies, notice)
/// and providers and routes dropped, so no pane header, tab, status bar, summary or notice
/// can name a model, whichever part of the screen draws it.
public struct BlindCompare: Sendable, Equatable {
    /// Names are hidden now (false once the round has a verdict).
    public var hidden = true

    public init(hidden: Bool = true) {
        self.hidden = hidden
    }

    /// "Pane A" for lane 0.
    public static func label(_ lane: Int) -> String {
        "Pane " + String(Character(UnicodeScalar(UInt8(65 + min(lane, 25)))))
    }

    /// Whether the screen must be drawn from `masked(state)`.
    static func hides(_ state: AppState) -> Bool {
        state.blind?.hidden == true && state.comparedModels != nil
    }

    /// The state as the screen may show it while names are hidden.
    static func masked(_ state: AppState) -> AppState {
        guard hides(state), let models = state.comparedModels else { return state }
        var shown = state
        let labels = models.indices.map(label)
        shown.session.compare?.models = labels
        if let model = shown.session.model, let i = models.firstIndex(of: model) { shown.session.model = labels[i] }
        shown.session.settings.fallbackModels = []
        for (index, message) in shown.session.messages.enumerated() where message.role == .assistant {
            guard let lane = models.firstIndex(where: { $0 == message.modelRequested || $0 == message.modelServed }) else { continue }
            var m = message
            m.modelRequested = labels[lane]
            m.modelServed = m.modelServed == nil ? nil : labels[lane]
            m.provider = nil
            m.sentRoute = nil
            shown.session.messages[index] = m
        }
        if var notice = shown.notice {
            // Longest first, so "a/b:free" is replaced before "a/b".
            for (model, label) in zip(models, labels).sorted(by: { $0.0.count > $1.0.count }) {
                notice.text = notice.text.replacingOccurrences(of: model, with: label)
            }
            shown.notice = notice
        }
        return shown
    }

    /// The notice when something would show the compared models' names (the picker marks
    /// them, the provider table is titled with one) while they are hidden.
    static func refusal(_ what: String) -> String {
        "blind compare: \(what) would show the model names; pick, tie or call the round all bad first, or /blind to stop"
    }

    /// Before a round is sent after a reveal: shuffles the panes again, each model keeping its
    /// own thread (the compare record's models and leaves, and the lanes' views, move together).
    /// Nothing changes while names are still hidden (the order was never shown).
    static func reshuffleForNextRound(_ state: inout AppState, shuffle: ([String]) -> [String]) {
        guard state.blind?.hidden == false, var record = state.session.compare, state.lanes.count == record.models.count,
              !state.isStreaming else { return }
        let order = Self.order(record.models, shuffle: shuffle)
        let moves = order.compactMap { record.models.firstIndex(of: $0) }
        guard moves.count == record.models.count else { return }
        record.leafIDs = moves.map { record.leafIDs[$0] }
        record.models = order
        state.session.compare = record
        state.lanes = moves.map { state.lanes[$0] }
        state.focusedLane = 0
    }

    /// The order a blind comparison shows `models` in: shuffled by `shuffle`, never the order
    /// typed or marked (which would give the names away).
    static func order(_ models: [String], shuffle: ([String]) -> [String]) -> [String] {
        let shuffled = shuffle(models)
        return Set(shuffled) == Set(models) && shuffled.count == models.count ? shuffled : models
    }
}
