import Foundation
import PrismCore

/// Records a `prism compare --save` round as the chat screen would: a session in compare
/// mode (so `prism --resume` opens it as panes), the prompt once, one reply per model.
///
/// The round is on disk before any request goes out, every reply streams into its own
/// journal, and each finished reply is saved as it finishes: a signal or a kill while
/// slower models still stream keeps the finished ones whole and the others' text so far.
final class CompareRecorder: @unchecked Sendable {
    private let store: FileSessionStore
    private let lock = NSLock()
    private var session: Session
    /// Reply ids in model order.
    let replyIDs: [String]

    var sessionID: String { session.id }

    /// Saves `session`, whose newest round (one reply per model, `replyIDs`) is about to be sent.
    init(context: CLIContext, session: Session, replyIDs: [String]) throws {
        store = FileSessionStore(paths: context.paths)
        self.session = session
        self.replyIDs = replyIDs
        try persist()
    }

    /// One journal per model (nil where the disk refused one).
    func openJournals() -> [ReplyJournal?] {
        let snapshot = lock.withLock { session }
        return replyIDs.map { store.openJournal(session: snapshot, replyID: $0) }
    }

    /// Saves one model's finished (or failed, or stopped) reply.
    func record(_ index: Int, _ reply: Reply) throws {
        try lock.withLock {
            guard let i = session.index(of: replyIDs[index]) else { return }
            var message = session.messages[i]
            message.apply(reply)
            session.update(message, at: Date())
            try persist()
        }
    }

    private func persist() throws {
        do {
            try store.save(session)
        } catch {
            throw CLIFailure.request("\(error)")
        }
    }
}
