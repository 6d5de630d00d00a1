import Foundation

/// What a session list shows about one session, without its messages.
///
/// Cached in the session index so listing a thousand sessions reads one small file
/// instead of every message of every session.
public struct SessionSummary: Codable, Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var createdAt: Date
    public var updatedAt: Date
    /// The session's model, or the model that served its last reply when none is set.
    public var model: String?
    /// Every message in every branch.
    public var messageCount: Int
    /// Sum of reported or estimated reply costs (all branches); `nil` when no reply has a cost.
    public var totalCost: Decimal?
    public var costIsEstimate: Bool
    /// The start of the last non-empty message on the current branch, on one line.
    public var lastPreview: String?

    public init(
        id: String, title: String, createdAt: Date, updatedAt: Date, model: String?,
        messageCount: Int, totalCost: Decimal?, costIsEstimate: Bool, lastPreview: String?
    ) {
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.model = model
        self.messageCount = messageCount
        self.totalCost = totalCost
        self.costIsEstimate = costIsEstimate
        self.lastPreview = lastPreview
    }

    /// The summary of a full session.
    public init(_ session: Session) {
        let cost = session.totalCost
        let lastServed = session.messages.last { $0.role == .assistant && $0.modelServed != nil }?.modelServed
        let last = session.currentBranch.last { !$0.content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        self.init(
            id: session.id, title: session.title, createdAt: session.createdAt, updatedAt: session.updatedAt,
            model: session.model ?? lastServed, messageCount: session.messages.count,
            totalCost: cost.known ? cost.cost : nil, costIsEstimate: cost.estimated,
            lastPreview: last.map { SessionSummary.preview($0.content) })
    }

    /// At most `limit` characters of `text`, whitespace runs folded to single spaces.
    static func preview(_ text: String, limit: Int = 80) -> String {
        var out = ""
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                count += 1
                pendingSpace = false
            }
            if count >= limit - 1 {
                out.append("…")
                return out
            }
            out.append(character)
            count += 1
        }
        return out
    }

    enum CodingKeys: String, CodingKey {
        case id, title, createdAt = "created_at", updatedAt = "updated_at", model
        case messageCount = "message_count", totalCost = "total_cost", costIsEstimate = "cost_is_estimate"
        case lastPreview = "last_preview"
    }
}

/// The result of listing sessions: the readable ones, newest first, and what went wrong with the rest.
public struct SessionListing: Sendable, Equatable {
    /// Sorted by `updatedAt`, newest first (ties: id, newest first).
    public var sessions: [SessionSummary]
    /// One line per file that was skipped or quarantined, naming the file and the reason.
    public var problems: [String]

    public init(sessions: [SessionSummary] = [], problems: [String] = []) {
        self.sessions = sessions
        self.problems = problems
    }

    static func sorted(_ sessions: [SessionSummary]) -> [SessionSummary] {
        sessions.sorted { a, b in
            a.updatedAt != b.updatedAt ? a.updatedAt > b.updatedAt : a.id > b.id
        }
    }
}
