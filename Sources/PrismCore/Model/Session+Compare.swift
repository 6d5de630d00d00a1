import Foundation

/// The message tree of compare mode.
///
/// A round whose threads all end at the same message (the first round) adds ONE
/// prompt with one reply per model as siblings. Later rounds add the prompt once per
/// thread, under that model's own last reply, so each model sees only its own replies.
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

    /// The messages of one model's thread, root first.
    public func compareThread(_ pane: Int) -> [Message] {
        guard let record = compare, record.leafIDs.indices.contains(pane) else { return [] }
        return branch(endingAt: record.leafIDs[pane])
    }

    /// Adds a prompt to every thread plus an empty streaming reply per model; returns the reply ids in pane order.
    @discardableResult
    public mutating func appendCompareRound(_ text: String, attachments: [Attachment] = [], at date: Date,
                                            makeID: () -> String) -> [String] {
        guard var record = compare, !record.models.isEmpty else { return [] }
        let shared = Set(record.leafIDs.map { $0 ?? "" }).count == 1
        var sharedPrompt: String?
        var replies: [String] = []
        for (pane, model) in record.models.enumerated() {
            let promptID: String
            if shared, let id = sharedPrompt {
                promptID = id
            } else {
                let prompt = append(Message(id: makeID(), parentID: record.leafIDs[pane], role: .user, content: text,
                                            attachments: attachments, createdAt: date))
                promptID = prompt.id
                if shared { sharedPrompt = promptID }
            }
            let reply = append(Session.emptyReply(id: makeID(), parentID: promptID, model: model, at: date))
            record.leafIDs[pane] = reply.id
            replies.append(reply.id)
        }
        compare = record
        currentLeafID = replies.first
        return replies
    }

    /// Asks one pane's last prompt again: a new sibling reply in that model's thread; returns its id.
    public mutating func appendCompareRetry(pane: Int, at date: Date, makeID: () -> String) -> String? {
        guard var record = compare, record.models.indices.contains(pane),
              let last = compareThread(pane).last(where: { $0.role == .assistant }), let parent = last.parentID else { return nil }
        let reply = append(Session.emptyReply(id: makeID(), parentID: parent, model: record.models[pane], at: date))
        record.leafIDs[pane] = reply.id
        compare = record
        return reply.id
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
