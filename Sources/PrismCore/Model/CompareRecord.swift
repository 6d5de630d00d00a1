import Foundation

/// What a session in compare mode remembers: the models side by side and the end of each one's thread.
///
/// Saved with the session so that resuming restores the panes. Each model has its
/// own thread in the message tree, so follow-ups show a model only its own replies.
public struct CompareRecord: Codable, Sendable, Equatable {
    /// The compared models, in pane order.
    public var models: [String]
    /// The newest message of each model's thread (same order as `models`); nil before the first round.
    public var leafIDs: [String?]
    /// Where compare mode began: threads of models added later start here.
    public var baseID: String?

    public init(models: [String], leafIDs: [String?], baseID: String? = nil) {
        self.models = models
        self.leafIDs = leafIDs
        self.baseID = baseID
        normalise()
    }

    enum CodingKeys: String, CodingKey {
        case models, leafIDs = "leaf_ids", baseID = "base_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        models = try c.decodeIfPresent([String].self, forKey: .models) ?? []
        leafIDs = (try? c.decodeIfPresent([String?].self, forKey: .leafIDs)) ?? []
        baseID = try? c.decodeIfPresent(String.self, forKey: .baseID)
        normalise()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(models, forKey: .models)
        try c.encode(leafIDs, forKey: .leafIDs)
        try c.encodeIfPresent(baseID, forKey: .baseID)
    }

    /// One leaf per model, whatever a hand-edited file said.
    private mutating func normalise() {
        if leafIDs.count > models.count { leafIDs.removeLast(leafIDs.count - models.count) }
        while leafIDs.count < models.count { leafIDs.append(baseID) }
    }
}
