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
        case compare
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
    }
}
