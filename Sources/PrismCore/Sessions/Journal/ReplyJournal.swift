import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only file that keeps one streaming reply durable as it arrives.
///
/// Rewriting the session file per token would cost time that grows with the session
/// (a 10,000-message session takes about half a second to save), so each reply in
/// flight gets its own small journal beside the sessions instead: a header, then one
/// line per streamed piece, written straight to the kernel (a process killed with
/// SIGKILL loses nothing already written; only a power cut needs the `fsync` that the
/// end line gets). The store folds journals into the session when it loads one, and
/// deletes a journal once the session file holds its reply finished.
///
/// While a journal is open its file holds an exclusive `flock`, which is how readers
/// tell a reply still streaming in some Prism process from one whose process died.
/// Thread-safe: events may come from any thread.
public final class ReplyJournal: @unchecked Sendable {
    /// The journal file.
    public let path: String
    /// The reply this journal records.
    public let replyID: String

    private let lock = NSLock()
    private var fd: Int32
    private var message: Message
    private var failed = false

    /// Creates the journal file and writes its header; throws `FileFailure` when it cannot.
    ///
    /// `session` is the skeleton the reply needs if the session file never got it: its
    /// metadata plus at least the reply (empty, streaming) and the prompt it answers.
    init(path: String, session: Session, replyID: String) throws {
        guard let reply = session.message(replyID) else { throw FileFailure("journal", code: EINVAL) }
        self.path = path
        self.replyID = replyID
        self.message = reply
        let folder = (path as NSString).deletingLastPathComponent
        try PosixFile.makeFolder(folder)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileFailure("open") }
        fchmod(fd, 0o600)
        _ = flock(fd, LOCK_EX | LOCK_NB)
        // No folder fsync here: it can take milliseconds on the UI thread, and only a power
        // cut (which the journal does not claim to survive) needs it.
        do {
            try write(JournalRecord.header(session: session, replyID: replyID).line())
        } catch {
            PosixFile.closeDescriptor(fd)
            unlink(path)
            throw error
        }
    }

    deinit {
        if fd >= 0 { PosixFile.closeDescriptor(fd) }
    }

    /// Records one stream event. `.finished` writes the final message, syncs and closes.
    ///
    /// Errors (a full disk) stop the journal quietly: the session save that follows the
    /// reply reports the same problem where the user sees it.
    public func record(_ event: CompletionEvent) {
        lock.withLock {
            guard fd >= 0, !failed else { return }
            switch event {
            case .contentDelta(let text):
                append(.content(text))
            case .reasoningDelta(let text):
                append(.reasoning(text))
            case .metadata(let model, let provider, let generationID):
                append(.metadata(model: model, provider: provider, generationID: generationID))
            case .finished(let reply):
                message.apply(reply)
                append(.end(message))
                _ = fsync(fd)
                closeLocked()
            case .requestSent, .retrying, .keepAlive, .toolCall, .usage:
                break
            }
        }
    }

    /// Records how the reply ended when the caller decided it (cancelled, interrupted)
    /// and closes the journal; later events are ignored.
    public func finish(as final: Message) {
        lock.withLock {
            guard fd >= 0 else { return }
            if !failed {
                append(.end(final))
                _ = fsync(fd)
            }
            closeLocked()
        }
    }

    /// Closes without an end line (the reply's fate is recorded elsewhere).
    public func close() {
        lock.withLock { closeLocked() }
    }

    private func closeLocked() {
        guard fd >= 0 else { return }
        PosixFile.closeDescriptor(fd)
        fd = -1
    }

    private func append(_ record: JournalRecord) {
        do {
            try write(record.line())
        } catch {
            failed = true
        }
    }

    private func write(_ data: Data) throws {
        try PosixFile.writeAll(fd, data)
    }
}
