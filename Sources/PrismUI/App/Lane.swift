import Foundation
import PrismCore

/// One model's column of the chat screen: the reply streaming into it and how it is scrolled.
///
/// Single chat is one lane; compare mode is two to four. Which model a lane asks and
/// where its thread ends live in the session (`Session.laneModels`, `leaf(ofLane:)`),
/// the record that is saved; a lane holds only what is not worth saving, so the two
/// never disagree.
public struct Lane: Sendable, Equatable {
    /// At most this many lanes side by side.
    public static let maxCount = 4

    /// The reply streaming into this lane, with its own request id.
    public var stream: StreamState?
    public var view = TranscriptViewState()

    public init() {}

    /// Fresh lanes for a session: one per compared model, else one.
    static func fresh(for session: Session) -> [Lane] {
        Array(repeating: Lane(), count: session.laneCount)
    }
}

/// The reply being streamed into a lane.
public struct StreamState: Sendable, Equatable {
    /// Distinguishes this request's events from a cancelled earlier one's.
    public var requestID: Int
    /// The assistant message (already in the session) that receives the text.
    public var messageID: String
    public var startedAt: Date
    public var keepAlives = 0
    public var attempt = 1
    public var firstTokenAt: Date?
    /// When the last event of any kind arrived (a keep-alive too), or the request started.
    public var lastEventAt: Date
    /// When the last reply text (content or reasoning) arrived.
    public var lastTextAt: Date?
    /// Until when silence is expected: the client is waiting before a retry.
    public var quietUntil: Date?
    /// The model the request named first (after open circuits were skipped): whose health the reply tells.
    public var model: String?
    /// The tools this request offered (a call is resolved against them).
    public var offered: [ToolSpec] = []
    /// The spend ledger's key for this request: the reply id, or for a later round of a
    /// tool turn the reply id with the round (each round is reserved and settled on its own).
    public var spendKey: String
    /// Set when the request ended in tool calls: the lane runs tools (or waits for approval)
    /// until the round is answered and the next request starts.
    public var toolsSince: Date?
    /// When each running call of the current round started, by its place in the round.
    public var toolStarts: [Int: Date] = [:]

    /// Seconds without data (or, once text flows, without text) after which the phase says
    /// so instead of counting on as if the reply were still coming.
    public static let stallAfter: TimeInterval = 5

    public init(requestID: Int, messageID: String, startedAt: Date) {
        self.requestID = requestID
        self.messageID = messageID
        self.startedAt = startedAt
        spendKey = messageID
        lastEventAt = startedAt
    }

    /// What the stream is doing, for the status bar and a pane's header: "waiting 0.4s",
    /// "retry 2 1.3s", "streaming 2.9s"; and when it stalls for more than `stallAfter`,
    /// "no data for 12s" (nothing at all arrived) or "no text for 12s" (only keep-alives or
    /// other events since the last text: the server is there, the reply is not moving).
    public func phase(at now: Date) -> String {
        if let toolsSince { return "tools " + String(format: "%.1fs", now.timeIntervalSince(toolsSince)) }
        let heardFrom = max(lastEventAt, quietUntil ?? lastEventAt)
        let silence = now.timeIntervalSince(heardFrom)
        if silence > Self.stallAfter { return "no data for \(Int(silence))s" }
        if let lastTextAt, now.timeIntervalSince(lastTextAt) > Self.stallAfter {
            return "no text for \(Int(now.timeIntervalSince(lastTextAt)))s"
        }
        let doing = firstTokenAt == nil ? (attempt > 1 ? "retry \(attempt)" : "waiting") : "streaming"
        return doing + " " + String(format: "%.1fs", now.timeIntervalSince(startedAt))
    }
}

extension AppState {
    /// True in compare mode (two to four lanes).
    public var isComparing: Bool { session.compare != nil }

    /// The focused lane (the only one in single chat).
    public var lane: Lane {
        get { lanes[focusedLane] }
        set { lanes[focusedLane] = newValue }
    }

    /// The model a lane asks.
    public func model(ofLane lane: Int) -> String? {
        let models = session.laneModels
        return models.indices.contains(lane) ? models[lane] : nil
    }

    /// The models side by side in compare mode, else nil.
    public var comparedModels: [String]? { session.compare?.models }

    public var isStreaming: Bool { lanes.contains { $0.stream != nil } }

    /// The lane whose stream has this request id.
    func lane(streaming requestID: Int) -> Int? {
        lanes.firstIndex { $0.stream?.requestID == requestID }
    }

    /// Lanes matching the session again (after resuming, entering or leaving compare mode).
    /// A compare record that cannot be shown (fewer than two or more than four models) is
    /// dropped rather than half used.
    mutating func resetLanes() {
        if let record = session.compare, !(2...Lane.maxCount).contains(record.models.count) { session.compare = nil }
        lanes = Lane.fresh(for: session)
        focusedLane = 0
        scrollLocked = false
    }
}
