import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where reply journals live (`sessions/journal/<session id>/<reply id>.jsonl`), and
/// reading them back.
///
/// One folder per session keeps "every journal of this session" a single `readdir`,
/// and keeps them out of the session listing (which only reads `*.json` files).
struct JournalFolder: Sendable {
    let root: String

    init(sessionsFolder: URL) {
        root = sessionsFolder.appendingPathComponent("journal", isDirectory: true).path
    }

    /// What one journal file holds.
    struct Contents: Equatable {
        var path: String
        /// The session skeleton from the header (metadata, the prompt and the empty reply).
        var session: Session
        var replyID: String
        var content = ""
        var reasoning = ""
        var model: String?
        var provider: String?
        var generationID: String?
        /// Web sources cited so far, and the usage report when it came before the end.
        var citations: [Citation]?
        var usage: TokenUsage?
        /// The finished reply, when the stream ended while the writer was alive.
        var end: Message?
        /// A writer still holds the file: the reply is streaming in some Prism process.
        var live = false
    }

    func folder(for sessionID: String) -> String { root + "/" + sessionID }

    func path(sessionID: String, replyID: String) -> String {
        folder(for: sessionID) + "/" + Self.fileName(replyID)
    }

    /// Opens a journal for a reply about to stream.
    func open(session: Session, replyID: String, buffered: Bool) throws -> ReplyJournal {
        try ReplyJournal(path: path(sessionID: session.id, replyID: replyID), session: session, replyID: replyID, buffered: buffered)
    }

    /// Every readable journal of a session, oldest first; unreadable ones are skipped.
    func journals(of sessionID: String) -> [Contents] {
        let dir = folder(for: sessionID)
        guard let names = try? PosixFile.names(in: dir) else { return [] }
        var found: [(Contents, Int64)] = []
        for name in names where name.hasSuffix(".jsonl") {
            let file = dir + "/" + name
            guard var contents = Self.read(file) else { continue }
            contents.live = Self.isLive(file)
            found.append((contents, PosixFile.stamp(file)?.mtimeNs ?? 0))
        }
        return found.sorted { $0.1 < $1.1 }.map(\.0)
    }

    /// Session ids that have a journal folder.
    func sessionIDs() -> [String] {
        ((try? PosixFile.names(in: root)) ?? []).filter(SessionID.isValid)
    }

    /// Deletes the given journal files, then the session's folder if it is empty.
    func remove(_ paths: [String], sessionID: String) {
        guard !paths.isEmpty else { return }
        for path in paths { unlink(path) }
        rmdir(folder(for: sessionID))  // fails harmlessly while other journals remain
    }

    /// Deletes every journal of a session (the session itself was deleted).
    func removeAll(sessionID: String) {
        let dir = folder(for: sessionID)
        let names = (try? PosixFile.names(in: dir)) ?? []
        remove(names.map { dir + "/" + $0 }, sessionID: sessionID)
        rmdir(dir)
    }

    /// True while some process holds the journal open for writing.
    static func isLive(_ path: String) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { Glibc.close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    /// Parses a journal file; nil when it has no readable header.
    static func read(_ path: String) -> Contents? {
        guard let data = try? PosixFile.read(path) else { return nil }
        var contents: Contents?
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            let line = data[start..<end]
            start = end < data.endIndex ? data.index(after: end) : end
            guard let record = JournalRecord.parse(Data(line)) else { continue }
            if case .header(let session, let replyID) = record {
                if contents == nil { contents = Contents(path: path, session: session, replyID: replyID) }
                continue
            }
            guard contents != nil else { return nil }
            switch record {
            case .content(let text): contents!.content += text
            case .reasoning(let text): contents!.reasoning += text
            case .metadata(let model, let provider, let generationID):
                contents!.model = model ?? contents!.model
                contents!.provider = provider ?? contents!.provider
                contents!.generationID = generationID ?? contents!.generationID
            case .citations(let citations): contents!.citations = citations
            case .usage(let usage): contents!.usage = usage
            case .end(let message): contents!.end = message
            case .header: break
            }
        }
        return contents
    }

    /// A file name for a reply id: the id itself when it is safe, else its bytes in hex.
    static func fileName(_ replyID: String) -> String {
        if SessionID.isValid(replyID), replyID.utf8.count <= 100 { return replyID + ".jsonl" }
        let hex = replyID.utf8.prefix(60).map { String(format: "%02x", $0) }.joined()
        return "x" + hex + ".jsonl"
    }
}
