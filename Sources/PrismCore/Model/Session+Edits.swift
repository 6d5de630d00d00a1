import Foundation

/// Removing part of the tree and copying a path out of it.
///
/// A deletion leaves a tombstone per removed message (`deleted`), because merging two
/// windows' copies is a union of their messages: without it, the other window's file would
/// bring the message back at the next save.
extension Session {
    /// The message and everything under it, as ids.
    public func subtree(of id: String) -> Set<String> {
        guard message(id) != nil else { return [] }
        var byParent: [String: [String]] = [:]
        for m in messages { if let p = m.parentID { byParent[p, default: []].append(m.id) } }
        var found: Set<String> = [id]
        var queue = [id]
        while let next = queue.popLast() {
            for child in byParent[next] ?? [] where found.insert(child).inserted { queue.append(child) }
        }
        return found
    }

    /// Removes a message and its subtree, leaving tombstones; returns the removed ids.
    ///
    /// A thread that ran through the message moves to a sibling version (the one before it,
    /// else the one after) and the newest message under it, or to the parent when it had none.
    @discardableResult
    public mutating func deleteSubtree(_ id: String, at date: Date) -> Set<String> {
        guard let target = message(id) else { return [] }
        let doomed = subtree(of: id)
        let versions = siblings(of: id)
        let i = versions.firstIndex { $0.id == id } ?? 0
        let sibling = i > 0 ? versions[i - 1] : versions.dropFirst(i + 1).first
        messages.removeAll { doomed.contains($0.id) }
        deleted.formUnion(doomed)
        updatedAt = max(updatedAt, date)
        if let leaf = currentLeafID, doomed.contains(leaf) {
            if let sibling { select(sibling.id) } else { currentLeafID = target.parentID }
        }
        if var record = compare {
            // A pane's thread is its model's own: it falls back to the parent, never to another model's reply.
            record.leafIDs = record.leafIDs.map { leaf in leaf.map { doomed.contains($0) } == true ? target.parentID : leaf }
            if let base = record.baseID, doomed.contains(base) { record.baseID = target.parentID }
            compare = record
        }
        return doomed
    }

    /// Drops messages named by tombstones (after a merge brought some in), moving leaves that
    /// pointed into them to their nearest surviving ancestor.
    mutating func dropTombstoned() {
        guard !deleted.isEmpty else { return }
        // What the other side added under a message deleted here goes with it (and is tombstoned too).
        var grew = true
        while grew {
            grew = false
            for m in messages where !deleted.contains(m.id) {
                if let parent = m.parentID, deleted.contains(parent) { deleted.insert(m.id); grew = true }
            }
        }
        guard messages.contains(where: { deleted.contains($0.id) }) else { return }
        func surviving(_ leaf: String?) -> String? {
            var cursor = leaf
            var steps = 0
            while let id = cursor, deleted.contains(id), steps <= messages.count {
                cursor = message(id)?.parentID
                steps += 1
            }
            return cursor.flatMap { message($0) == nil ? nil : $0 }
        }
        currentLeafID = surviving(currentLeafID)
        if var record = compare {
            record.leafIDs = record.leafIDs.map(surviving)
            record.baseID = surviving(record.baseID)
            compare = record
        }
        messages.removeAll { deleted.contains($0.id) }
    }

    /// A new session holding copies of the path from the root to `id`, remembering where it came from.
    public func fork(at id: String, newID: String, model: String?, at date: Date) -> Session? {
        let path = branch(endingAt: id)
        guard !path.isEmpty else { return nil }
        var copy = Session(id: newID, title: title, createdAt: date, systemPrompt: systemPrompt,
                           model: model ?? self.model, settings: settings)
        copy.messages = path
        copy.currentLeafID = id
        copy.forkedFrom = ForkOrigin(sessionID: self.id, title: title, messageID: id)
        return copy
    }
}
