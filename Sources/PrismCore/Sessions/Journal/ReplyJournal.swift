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
///
/// A `buffered` journal (the chat screen's) holds lines until `flush()`, which the
/// screen calls before it draws a frame, so what is on screen is on disk while four
/// panes at 300 tokens/s cost a write per frame, not per token; lines older than a
/// quarter of a second are written by the next event anyway (the screen may not draw
/// while `$EDITOR` has the terminal). An unbuffered one (the command line's) writes each
/// line at once, before the piece is printed.
public final class ReplyJournal: @unchecked Sendable {
    /// The journal file.
    public let path: String
    /// The reply this journal records.
    public let replyID: String

    private let lock = NSLock()
    private var fd: Int32
    private var message: Message
    private var failed = false
    private let buffered: Bool
    /// Lines not yet written (buffered journals), and when the oldest of them came.
    private var pending = Data()
    private var pendingSince: UInt64 = 0

    static let maxPendingDelay: UInt64 = 250_000_000
    static let maxPendingBytes = 64 << 10

    /// Creates the journal file and writes its header; throws `FileFailure` when it cannot.
    ///
    /// `session` is the skeleton the reply needs if the session file never got it: its
    /// metadata plus at least the reply (empty, streaming) and the prompt it answers.
    init(path: String, session: Session, replyID: String, buffered: Bool = false) throws {
        guard let reply = session.message(replyID) else { throw FileFailure("journal", code: EINVAL) }
        self.buffered = buffered
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
            try PosixFile.writeAll(fd, JournalRecord.header(session: session, replyID: replyID).line())
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
                flushLocked()
                _ = fsync(fd)
                closeLocked()
            case .citations(let citations):
                append(.citations(citations))
            case .usage(let usage):
                append(.usage(usage))
            case .requestSent, .retrying, .keepAlive, .toolCall:
                break
            }
        }
    }

    /// Writes the lines a buffered journal holds (the chat screen calls it before each frame).
    public func flush() {
        lock.withLock { flushLocked() }
    }

    /// Closes without an end line (the reply's fate is recorded elsewhere).
    public func close() {
        lock.withLock { closeLocked() }
    }

    private func closeLocked() {
        guard fd >= 0 else { return }
        flushLocked()
        PosixFile.closeDescriptor(fd)
        fd = -1
    }

    private func append(_ record: JournalRecord) {
        let line: Data
        do {
            line = try record.line()
        } catch {
            failed = true
            return
        }
        guard buffered else { return write(line) }
        let now = DispatchTime.now().uptimeNanoseconds
        if pending.isEmpty { pendingSince = now }
        pending.append(line)
        if pending.count >= Self.maxPendingBytes || now - pendingSince >= Self.maxPendingDelay { flushLocked() }
    }

    private func flushLocked() {
        guard !pending.isEmpty, fd >= 0, !failed else { return }
        write(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func write(_ data: Data) {
        do {
            try PosixFile.writeAll(fd, data)
        } catch {
            failed = true
        }
    }
}
