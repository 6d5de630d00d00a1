import Foundation

/// What a thread contributes to the next request's input, worked out once per leaf.
///
/// The thread up to its last reply with reported usage is known exactly: that reply's
/// prompt tokens plus its completion tokens (less reasoning tokens, which are not sent
/// back). Only what follows it (later messages, or the whole thread and system prompt
/// when no reply reported usage) is pending, to be estimated at a characters-per-token
/// ratio, which the thread's own replies calibrate when they are long enough.
public struct ThreadEstimate: Sendable, Equatable, Hashable {
    public var exactTokens: Int
    public var pending: PendingText
    /// Bytes per token measured on this thread's replies; nil when they are too few or too short.
    public var calibratedRatio: Double?

    public init(exactTokens: Int = 0, pending: PendingText = PendingText(), calibratedRatio: Double? = nil) {
        self.exactTokens = exactTokens
        self.pending = pending
        self.calibratedRatio = calibratedRatio
    }

    /// The estimate for the request `ChatRequest.build` would send after `leafID` (the
    /// same messages: the system prompt, then the branch without empty replies).
    public init(session: Session, upTo leafID: String?) {
        self.init(systemPrompt: session.systemPrompt, branch: session.branch(endingAt: leafID ?? session.currentLeafID))
    }

    /// `branch` the thread's messages, root first, after `systemPrompt` (nil or empty: none).
    public init(systemPrompt: String?, branch: [Message]) {
        var exact = 0
        var lastCounted = -1
        var replyBytes = 0, replyTokens = 0
        for i in branch.indices where branch[i].role == .assistant {
            guard let usage = branch[i].usage, let completion = usage.completionTokens else { continue }
            let answer = max(0, completion - (usage.reasoningTokens ?? 0))
            if let prompt = usage.promptTokens {
                exact = prompt + answer
                lastCounted = i
            }
            if answer > 0 {
                replyBytes += branch[i].content.utf8.count
                replyTokens += answer
            }
        }
        var pending = PendingText()
        if lastCounted < 0, let systemPrompt, !systemPrompt.isEmpty { pending = PendingText(message: systemPrompt) }
        for i in (lastCounted + 1)..<branch.count where !(branch[i].role == .assistant && branch[i].content.isEmpty) {
            pending = pending + PendingText(message: branch[i].content, attachments: branch[i].attachments)
        }
        var ratio: Double?
        if replyTokens >= TokenRatio.minimumCalibrationTokens, replyBytes > 0 {
            let measured = Double(replyBytes) / Double(replyTokens)
            ratio = min(TokenRatio.bounds.upperBound, max(TokenRatio.bounds.lowerBound, measured))
        }
        self.init(exactTokens: exact, pending: pending, calibratedRatio: ratio)
    }
}
