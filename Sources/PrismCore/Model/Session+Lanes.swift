import Foundation

/// The session seen as lanes: one thread per model on screen.
///
/// A session in single chat has one lane (its model and its current branch); in compare
/// mode it has one lane per compared model, each ending at its leaf in the compare record.
/// Starting a round, asking again and showing another version work the same way for
/// both, so the chat screen has one path for each whatever the number of lanes.
extension Session {
    /// How many lanes the session shows: one, or one per compared model.
    public var laneCount: Int { compare?.models.count ?? 1 }

    /// The model of each lane, in order (a single lane's model may still be unset).
    public var laneModels: [String?] { compare?.models.map { Optional($0) } ?? [model] }

    /// The newest message of a lane's thread.
    public func leaf(ofLane lane: Int) -> String? {
        guard let record = compare else { return lane == 0 ? currentLeafID : nil }
        return record.leafIDs.indices.contains(lane) ? record.leafIDs[lane] : nil
    }

    /// A lane's messages, root first.
    public func thread(ofLane lane: Int) -> [Message] {
        branch(endingAt: leaf(ofLane: lane))
    }

    /// The newest reply of a lane's thread.
    public func lastReply(inLane lane: Int) -> Message? {
        lastReply(endingAt: leaf(ofLane: lane))
    }

    /// Adds a prompt to every lane plus an empty streaming reply per lane; returns the reply ids in lane order.
    ///
    /// In single chat the prompt goes under the current leaf, or beside `siblingOf` (a
    /// prompt being edited, which keeps its old version). In compare mode a round whose
    /// threads all end at the same message (the first round) adds ONE prompt with a reply
    /// per model as siblings; later rounds add the prompt once per thread, under that
    /// model's own last reply, so each model sees only its own replies. Nothing is added
    /// when a lane has no model.
    @discardableResult
    public mutating func appendRound(_ text: String, attachments: [Attachment] = [], siblingOf edited: String? = nil,
                                     at date: Date, makeID: () -> String) -> [String] {
        let models = laneModels.compactMap { $0 }
        guard !models.isEmpty, models.count == laneCount else { return [] }
        let parents: [String?]
        if let record = compare {
            parents = record.leafIDs
        } else {
            parents = [edited.flatMap { message($0) }.map(\.parentID) ?? currentLeafID]
        }
        let shared = Set(parents.map { $0 ?? "" }).count == 1
        var sharedPrompt: String?
        var replies: [String] = []
        for (lane, model) in models.enumerated() {
            let promptID: String
            if shared, let id = sharedPrompt {
                promptID = id
            } else {
                promptID = append(Message(id: makeID(), parentID: parents[lane], role: .user, content: text,
                                          attachments: attachments, createdAt: date)).id
                sharedPrompt = promptID
            }
            replies.append(append(Session.emptyReply(id: makeID(), parentID: promptID, model: model, at: date)).id)
        }
        if var record = compare {
            record.leafIDs = replies.map { Optional($0) }
            compare = record
        }
        currentLeafID = replies.first
        return replies
    }

    /// Asks a lane's last prompt again: a new sibling of its last reply, with the lane's model; returns its id.
    public mutating func appendRetry(lane: Int, at date: Date, makeID: () -> String) -> String? {
        guard laneModels.indices.contains(lane), let model = laneModels[lane],
              let parent = lastReply(inLane: lane)?.parentID else { return nil }
        let reply = append(Session.emptyReply(id: makeID(), parentID: parent, model: model, at: date))
        if var record = compare {
            record.leafIDs[lane] = reply.id
            compare = record
        }
        return reply.id
    }

    /// Shows another version of a message in a lane: the lane then ends at the newest
    /// message under it (its own later rounds), as picking a branch does in single chat.
    public mutating func showVersion(_ id: String, inLane lane: Int) {
        guard message(id) != nil else { return }
        guard var record = compare else { return select(id) }
        guard record.leafIDs.indices.contains(lane) else { return }
        var leaf = id
        while let child = children(of: leaf).last { leaf = child.id }
        record.leafIDs[lane] = leaf
        compare = record
    }
}
