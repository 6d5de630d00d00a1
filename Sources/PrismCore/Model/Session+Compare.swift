import Foundation

/// Entering, changing and leaving compare mode (rounds are added lane by lane, see `Session+Lanes`).
extension Session {
    /// Enters compare mode with these models, every thread starting at the current leaf.
    public mutating func startCompare(models: [String]) {
        compare = CompareRecord(models: models, leafIDs: models.map { _ in currentLeafID }, baseID: currentLeafID)
    }

    /// Changes the compared models between rounds: kept models keep their threads, new ones start at the base.
    public mutating func setCompareModels(_ models: [String]) {
        guard let old = compare else { return startCompare(models: models) }
        let leaves = models.map { model in old.models.firstIndex(of: model).map { old.leafIDs[$0] } ?? old.baseID }
        compare = CompareRecord(models: models, leafIDs: leaves, baseID: old.baseID)
    }

    /// Leaves compare mode with one model: its thread becomes the conversation; the others stay as siblings.
    public mutating func pickCompare(_ pane: Int) {
        guard let record = compare, record.models.indices.contains(pane) else { return }
        model = record.models[pane]
        currentLeafID = record.leafIDs[pane]
        compare = nil
    }

    /// An assistant message waiting for its first token.
    static func emptyReply(id: String, parentID: String, model: String, at date: Date) -> Message {
        var reply = Message(id: id, parentID: parentID, role: .assistant, content: "", createdAt: date)
        reply.modelRequested = model
        reply.status = .streaming
        return reply
    }
}
