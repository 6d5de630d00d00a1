import Foundation

/// The fields of a session one writer last saw on disk, so that a merge can tell
/// "I changed this" from "someone else changed this".
public struct SessionBaseline: Sendable, Equatable {
    public var title: String
    public var systemPrompt: String?
    public var model: String?
    public var settings: RequestSettings
    public var compare: CompareRecord?
    public var routed = false

    public init(_ session: Session) {
        title = session.title
        systemPrompt = session.systemPrompt
        model = session.model
        settings = session.settings
        compare = session.compare
        routed = session.routed
    }
}

/// What a merge took from the other side, for a one-line notice.
public struct MergeSummary: Sendable, Equatable {
    /// Messages only the other side had (another window's exchange, say).
    public var messagesAdded = 0
    /// Messages both had, where the other side's version was further along.
    public var messagesUpdated = 0
    /// Session fields taken from the other side ("title", "model", ...).
    public var fields: [String] = []
    /// Messages we had that the other side deleted.
    public var messagesRemoved = 0

    public init() {}

    public var isEmpty: Bool { messagesAdded == 0 && messagesUpdated == 0 && fields.isEmpty && messagesRemoved == 0 }

    /// "2 messages and the title from another window", or nil when nothing came in.
    public var text: String? {
        var parts: [String] = []
        let messages = messagesAdded + messagesUpdated
        if messages > 0 { parts.append(messages == 1 ? "1 message" : "\(messages) messages") }
        if !fields.isEmpty { parts.append("the " + fields.joined(separator: ", ")) }
        if messagesRemoved > 0 { parts.append(messagesRemoved == 1 ? "1 deletion" : "\(messagesRemoved) deletions") }
        guard !parts.isEmpty else { return nil }
        return parts.joined(separator: " and ")
    }
}

extension Session {
    /// This session (ours) with another writer's version of it (theirs) merged in.
    ///
    /// The tree only grows, so messages are a union: ours in our order, then theirs that
    /// we lack. A message both have keeps the version further along (finished beats
    /// streaming, longer text beats shorter), except those in `ours`' `live` set, which
    /// this writer is streaming into and alone knows best. Session fields are merged
    /// three ways against `base`, what we last saw on disk: a field we did not change
    /// since takes theirs (a rename in another window survives), one we changed keeps
    /// ours. Without a base, ours wins. The current leaf is always ours: each window
    /// stays on the branch it shows, unless the other side deleted it (tombstones are a
    /// union too, and drop their messages from the result; the leaf moves up to what is left).
    public func merged(with theirs: Session, base: SessionBaseline?, live: Set<String> = []) -> (Session, MergeSummary) {
        var result = self
        var summary = MergeSummary()
        result.deleted = deleted.union(theirs.deleted)
        var position: [String: Int] = [:]
        position.reserveCapacity(messages.count)
        for (i, m) in messages.enumerated() { position[m.id] = i }
        for other in theirs.messages where !result.deleted.contains(other.id) {
            guard let i = position[other.id] else {
                position[other.id] = result.messages.count
                result.messages.append(other)
                summary.messagesAdded += 1
                continue
            }
            if !live.contains(other.id), Self.isFurther(other, than: result.messages[i]) {
                result.messages[i] = other
                summary.messagesUpdated += 1
            }
        }
        if let base {
            func take<T: Equatable>(_ key: WritableKeyPath<Session, T>, _ baseValue: T, _ name: String) {
                if self[keyPath: key] == baseValue, theirs[keyPath: key] != baseValue {
                    result[keyPath: key] = theirs[keyPath: key]
                    summary.fields.append(name)
                }
            }
            take(\.title, base.title, "title")
            take(\.systemPrompt, base.systemPrompt, "system prompt")
            take(\.model, base.model, "model")
            take(\.settings, base.settings, "settings")
            take(\.compare, base.compare, "compare layout")
            take(\.routed, base.routed, "route mode")
        }
        result.createdAt = min(createdAt, theirs.createdAt)
        result.updatedAt = max(updatedAt, theirs.updatedAt)
        let before = result.messages.count
        result.dropTombstoned()
        summary.messagesRemoved = before - result.messages.count
        if result.currentLeafID == nil, let leaf = theirs.currentLeafID, result.message(leaf) != nil { result.currentLeafID = leaf }
        return (result, summary)
    }

    /// True when `a` is a later state of the same message than `b`.
    static func isFurther(_ a: Message, than b: Message) -> Bool {
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra > rb }
        return a.content.utf8.count > b.content.utf8.count
            || (a.content.utf8.count == b.content.utf8.count && (a.reasoning?.utf8.count ?? 0) > (b.reasoning?.utf8.count ?? 0))
    }

    /// Streaming < interrupted by a crash < failed or cancelled < complete (or not a reply).
    private static func rank(_ m: Message) -> Int {
        switch m.status {
        case .streaming?: return 0
        case .failed? where m.failure?.message == Session.interruptedMessage: return 1
        case .failed?, .cancelled?: return 2
        case .complete?, nil: return 3
        }
    }
}
