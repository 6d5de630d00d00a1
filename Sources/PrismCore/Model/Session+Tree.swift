import Foundation

extension Session {
    /// The message with this id, if any.
    ///
    /// Searches from the newest message back: the messages looked up while chatting
    /// (the reply streaming now, the ones on screen) are nearly always the recent ones.
    public func message(_ id: String) -> Message? {
        index(of: id).map { messages[$0] }
    }

    /// Index of the message with this id (searched from the newest back).
    public func index(of id: String) -> Int? {
        messages.lastIndex { $0.id == id }
    }

    /// The newest reply on the current branch, found by walking up from the leaf.
    ///
    /// Cheaper than `currentBranch.last { … }`, which builds the whole path: the leaf is
    /// usually that reply or its prompt, so this is a lookup or two.
    public var lastReplyOnBranch: Message? { lastReply(endingAt: currentLeafID) }

    /// The newest reply on the branch ending at `leaf`, found by walking up from it.
    public func lastReply(endingAt leaf: String?) -> Message? {
        var cursor = leaf
        var steps = 0
        while let id = cursor, let m = message(id), steps <= messages.count {
            if m.role == .assistant { return m }
            cursor = m.parentID
            steps += 1
        }
        return nil
    }

    /// Messages of the current branch, root first.
    public var currentBranch: [Message] {
        branch(endingAt: currentLeafID)
    }

    /// The path from the root to `leafID`, root first. Stops at a missing parent or a cycle.
    public func branch(endingAt leafID: String?) -> [Message] {
        guard let leafID else { return [] }
        var byID: [String: Message] = [:]
        byID.reserveCapacity(messages.count)
        for m in messages { byID[m.id] = m }
        var path: [Message] = []
        var seen = Set<String>()
        var cursor: String? = leafID
        while let id = cursor, let m = byID[id], seen.insert(id).inserted {
            path.append(m)
            cursor = m.parentID
        }
        return path.reversed()
    }

    /// Children of a message (or the roots for `nil`), in creation order.
    public func children(of parentID: String?) -> [Message] {
        messages.filter { $0.parentID == parentID }
    }

    /// The message and its siblings (same parent), in creation order.
    public func siblings(of id: String) -> [Message] {
        guard let m = message(id) else { return [] }
        return children(of: m.parentID)
    }

    /// Appends a message as a child of the current leaf (or of `parentID`) and makes it current.
    @discardableResult
    public mutating func append(_ message: Message) -> Message {
        messages.append(message)
        currentLeafID = message.id
        updatedAt = max(updatedAt, message.createdAt)
        if title.isEmpty, message.role == .user {
            title = Session.title(from: message.content)
        }
        return message
    }

    /// Replaces a stored message (same id) with a new version of it.
    public mutating func update(_ message: Message, at date: Date) {
        guard let i = index(of: message.id) else { return }
        messages[i] = message
        updatedAt = max(updatedAt, date)
    }

    /// Makes the deepest latest descendant of `id` the current leaf, so the branch runs through `id`.
    public mutating func select(_ id: String) {
        guard message(id) != nil else { return }
        var leaf = id
        while let child = children(of: leaf).last { leaf = child.id }
        currentLeafID = leaf
    }

    /// Sum of the cost of every reply in the session (all branches), and whether any part was estimated.
    public var totalCost: (cost: Decimal, estimated: Bool, known: Bool) {
        var total = Decimal(0)
        var estimated = false
        var known = false
        for m in messages where m.role == .assistant {
            let usage = m.turnUsage
            if let c = usage?.cost {
                total += c
                known = true
                if usage?.costIsEstimate == true { estimated = true }
            }
        }
        return (total, estimated, known)
    }

    /// The longest title kept: a title is a line in a list, not a document.
    public static let maxTitleLength = 200

    /// A title as stored: one line, trimmed, at most `maxTitleLength` characters.
    public static func cleanTitle(_ text: String) -> String {
        let line = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }).trimmingCharacters(in: .whitespaces)
        guard line.count > maxTitleLength else { return line }
        return String(line.prefix(maxTitleLength)).trimmingCharacters(in: .whitespaces)
    }

    /// A title made from the first line of a prompt, at most 60 characters.
    public static func title(from prompt: String) -> String {
        let line = prompt.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.count <= 60 { return trimmed }
        return String(trimmed.prefix(59)) + "…"
    }
}
