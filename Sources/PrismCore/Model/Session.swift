import Foundation

/// A saved conversation: a tree of messages plus the settings it runs with.
///
/// Messages are stored flat, in creation order, each naming its parent. The
/// current branch is the path from the root to `currentLeafID`.
public struct Session: Codable, Sendable, Equatable, Identifiable {
    /// Version of the on-disk format; bumped when a change is not backward compatible.
    public static let formatVersion = 1

    public var version: Int
    public var id: String
    public var title: String
    public var createdAt: Date
    public var updatedAt: Date
    public var systemPrompt: String?
    public var model: String?
    public var settings: RequestSettings
    public var messages: [Message]
    public var currentLeafID: String?
    /// Set while the session is in compare mode: one thread per model, restored on resume.
    public var compare: CompareRecord?
    /// Ids of messages deleted from this session (tombstones): a merge with another window's
    /// copy drops them, so a deletion is not undone by the union of messages.
    public var deleted: Set<String> = []
    /// Set on a session made by forking another one at a message.
    public var forkedFrom: ForkOrigin?
    /// Tool servers on, tools off and remembered approvals for this session (`SessionTools`).
    public var tools: SessionTools?
    /// Each prompt is routed: its model chosen by `RouteScorer` (the picker's route row,
    /// `/route`); `model` is then the last choice. Saved as `routed`, only when true.
    public var routed = false

    public init(
        id: String, title: String = "", createdAt: Date, systemPrompt: String? = nil,
        model: String? = nil, settings: RequestSettings = RequestSettings()
    ) {
        self.version = Session.formatVersion
        self.id = id
        self.title = title
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.systemPrompt = systemPrompt
        self.model = model
        self.settings = settings
        self.messages = []
        self.currentLeafID = nil
        self.compare = nil
    }

    enum CodingKeys: String, CodingKey {
        case version, id, title, createdAt = "created_at", updatedAt = "updated_at"
        case systemPrompt = "system_prompt", model, settings, messages, currentLeafID = "current_leaf_id"
        case compare, deleted, forkedFrom = "forked_from", tools
        case routed
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        id = try c.decode(String.self, forKey: .id)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decodeIfPresent(Date.self, forKey: .updatedAt) ?? createdAt
        systemPrompt = try c.decodeIfPresent(String.self, forKey: .systemPrompt)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        settings = try c.decodeIfPresent(RequestSettings.self, forKey: .settings) ?? RequestSettings()
        messages = try c.decodeIfPresent([Message].self, forKey: .messages) ?? []
        currentLeafID = try c.decodeIfPresent(String.self, forKey: .currentLeafID)
        // Lenient: a compare record this version cannot read only loses the layout, never the session.
        compare = (try? c.decodeIfPresent(CompareRecord.self, forKey: .compare)) ?? nil
        // Lenient too: unreadable tombstones or fork origin lose only themselves.
        deleted = Set((try? c.decodeIfPresent([String].self, forKey: .deleted)) ?? [])
        forkedFrom = (try? c.decodeIfPresent(ForkOrigin.self, forKey: .forkedFrom)) ?? nil
        tools = ((try? c.decodeIfPresent(SessionTools.self, forKey: .tools)) ?? nil).flatMap { $0.isEmpty ? nil : $0 }
        routed = ((try? c.decodeIfPresent(Bool.self, forKey: .routed)) ?? nil) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(id, forKey: .id)
        try c.encode(title, forKey: .title)
        try c.encode(createdAt, forKey: .createdAt)
        try c.encode(updatedAt, forKey: .updatedAt)
        try c.encodeIfPresent(systemPrompt, forKey: .systemPrompt)
        try c.encodeIfPresent(model, forKey: .model)
        try c.encode(settings, forKey: .settings)
        try c.encode(messages, forKey: .messages)
        try c.encodeIfPresent(currentLeafID, forKey: .currentLeafID)
        try c.encodeIfPresent(compare, forKey: .compare)
        // Sorted, so the same session always makes the same bytes; absent when empty, as before tombstones.
        if !deleted.isEmpty { try c.encode(deleted.sorted(), forKey: .deleted) }
        try c.encodeIfPresent(forkedFrom, forKey: .forkedFrom)
        if let tools, !tools.isEmpty { try c.encode(tools, forKey: .tools) }
        if routed { try c.encode(true, forKey: .routed) }
    }
}

/// Where a forked session came from: the session, its title then, and the message it was forked at.
public struct ForkOrigin: Codable, Sendable, Equatable {
    public var sessionID: String
    public var title: String
    public var messageID: String

    public init(sessionID: String, title: String, messageID: String) {
        self.sessionID = sessionID
        self.title = title
        self.messageID = messageID
    }

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", title, messageID = "message_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sessionID = (try? c.decodeIfPresent(String.self, forKey: .sessionID)) ?? ""
        title = (try? c.decodeIfPresent(String.self, forKey: .title)) ?? ""
        messageID = (try? c.decodeIfPresent(String.self, forKey: .messageID)) ?? ""
    }
}
