import Foundation
import PrismCore

/// Records a `prism ask --save` exchange as a session, durable at every step.
///
/// The prompt is saved before the request goes out; the reply streams into a journal
/// beside the session (so a killed process loses at most what the kernel had not been
/// handed, nothing in practice); the finished reply, whatever its fate, is saved at the
/// end, which folds the journal away.
struct SessionRecorder {
    let store: FileSessionStore
    private(set) var session: Session
    private var parentID: String?
    private(set) var replyID = UUID().uuidString.lowercased()

    var sessionID: String { session.id }

    /// Saves `session`, whose newest message is the prompt about to be sent.
    init(context: CLIContext, session: Session) throws {
        store = FileSessionStore(paths: context.paths)
        self.session = session
        parentID = session.currentLeafID
        try persist()
    }

    /// Opens the journal the reply streams into (nil when the disk refuses: the final save still runs).
    func openReplyJournal() -> ReplyJournal? {
        var skeleton = session
        skeleton.append(emptyReply())
        return store.openJournal(session: skeleton, replyID: replyID)
    }

    /// Saves the reply with the routing it was sent with (`route`), so "served by" can be told after
    /// a resume, and the tool rounds before it (`--tool`).
    mutating func recordReply(_ reply: Reply, route: SentRoute? = nil, turn: ToolTurnResult? = nil) throws {
        var message = emptyReply()
        message.apply(reply)
        message.sentRoute = route
        if let turn { message.apply(turn) }
        session.append(message)
        try persist()
    }

    private func emptyReply() -> Message {
        var message = Message(id: replyID, parentID: parentID, role: .assistant, content: "", createdAt: Date())
        message.modelRequested = session.model
        message.status = .streaming
        return message
    }

    private func persist() throws {
        do {
            try store.save(session)
        } catch {
            throw CLIFailure.request("\(error)")
        }
    }
}
