import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Saving when other windows and commands write the same files.
///
/// Each save runs under an exclusive `flock` on `sessions/.lock`, held by every Prism
/// process for the few milliseconds of read, merge and rename. The store remembers the
/// stamp (inode, size, mtime) of each file as it last read or wrote it: atomic saves
/// create a new inode every time, so a different stamp means another writer, whose
/// version is read and merged before ours is written. A file that vanished since then
/// was deleted on purpose and is not brought back unless the caller asks (`keep`).
extension FileSessionStore {
    func save(_ session: Session, recreate: Bool) throws -> SaveReport {
        try SessionID.validate(session.id)
        // Encoding is the slow part and touches no shared state: do it outside the locks.
        var data = try encode(session)
        return try locked {
            try withFolderLock {
                let name = FileSessionStore.fileName(session.id)
                let onDisk = PosixFile.stamp(path(name))
                let before = known[session.id]
                var written = session
                var report = SaveReport()
                if before != nil, onDisk == nil, !recreate {
                    throw SessionStoreError.deletedElsewhere(id: session.id)
                }
                // Theirs: another writer's version when the file changed; else our own last
                // write when it merged in what this caller has not taken in yet.
                var theirs: Session?
                if let onDisk, onDisk != before?.stamp {
                    theirs = try readOtherVersion(session.id)?.0
                } else if onDisk != nil {
                    theirs = before?.mergedWrite
                }
                if let theirs {
                    let live = Set(session.messages.lazy.filter { $0.status == .streaming }.map(\.id)
                        .filter { JournalFolder.isLive(self.journals.path(sessionID: session.id, replyID: $0)) })
                    let (merged, summary) = session.merged(with: theirs, base: before?.baseline, live: live)
                    if merged != session {
                        written = merged
                        data = try encode(merged)
                        report = SaveReport(merged: merged, summary: summary)
                        if !summary.isEmpty {
                            logger.notice("merged another writer's changes",
                                          metadata: ["id": "\(session.id)", "from-them": "\(summary.text ?? "nothing")"])
                        }
                    }
                }
                try write(written, data: data)
                remember(written, sentAs: session)
                removeFinishedJournals(of: written)
                return report
            }
        }
    }

    /// The version another writer left, or nil when it cannot be read (then ours replaces it:
    /// a damaged file has already been moved aside by the read).
    private func readOtherVersion(_ id: String) throws -> (Session, PosixFile.Stamp)? {
        do {
            return try readFile(id: id)
        } catch let error as SessionStoreError {
            if case .newerVersion = error { throw error }
            return nil
        }
    }

    private func encode(_ session: Session) throws -> Data {
        do {
            return try SessionCodec.encode(session)
        } catch {
            throw SessionStoreError.saveFailed(id: session.id, reason: SessionStoreError.reason(error))
        }
    }

    /// Records the file just written (or read) as this store's view of it.
    ///
    /// The baseline for the next three-way merge is what the caller sent (its own view of
    /// the session fields), not what was written: until the caller takes a merge in, its
    /// next snapshot still has the old fields, and those must not count as its changes.
    func remember(_ written: Session, sentAs sent: Session? = nil) {
        guard let stamp = PosixFile.stamp(path(FileSessionStore.fileName(written.id))) else { return }
        let sent = sent ?? written
        known[written.id] = Known(stamp: stamp, baseline: SessionBaseline(sent), mergedWrite: written == sent ? nil : written)
    }

    /// Deletes the journals whose replies the session now holds finished.
    func removeFinishedJournals(of session: Session) {
        let folder = journals.folder(for: session.id)
        guard let names = try? PosixFile.names(in: folder), !names.isEmpty else { return }
        var finished: [String] = []
        for m in session.messages where m.role == .assistant && m.status != .streaming {
            let name = JournalFolder.fileName(m.id)
            if names.contains(name) { finished.append(folder + "/" + name) }
        }
        journals.remove(finished, sessionID: session.id)
    }

    // MARK: - Loading with journals

    /// The session with its journals folded in (lock held).
    ///
    /// When every journal is dead (its writer exited or was killed), the folded session is
    /// written back and the journals deleted, so the repair happens once. Journals still
    /// being written are folded for display only, and their replies stay streaming.
    func loadFolding(id: String) throws -> Session {
        let found = journals.journals(of: id)
        if found.isEmpty {
            guard let (session, stamp) = try readFile(id: id) else { throw SessionStoreError.notFound(id) }
            known[id] = Known(stamp: stamp, baseline: SessionBaseline(session), mergedWrite: nil)
            return session.repairedAfterLoad()
        }
        return try withFolderLock {
            let file = try readFile(id: id)
            guard var session = file?.0 ?? Session.fromJournals(found) else { throw SessionStoreError.notFound(id) }
            session.fold(found)
            let live = Set(found.filter(\.live).map(\.replyID))
            session = session.repairedAfterLoad(keeping: live)
            if live.isEmpty {
                do {
                    try write(session, data: try encode(session))
                    remember(session)
                    journals.remove(found.map(\.path), sessionID: id)
                    logger.notice("recovered streamed text from journals", metadata: ["id": "\(id)", "journals": "\(found.count)"])
                } catch {
                    // Read-only or full disk: the journals stay and are folded again next time.
                    if let file { known[id] = Known(stamp: file.1, baseline: SessionBaseline(file.0), mergedWrite: nil) }
                }
            } else if let file {
                known[id] = Known(stamp: file.1, baseline: SessionBaseline(file.0), mergedWrite: nil)
            }
            return session
        }
    }

    /// Writes sessions that exist only as journals of dead writers (the process died
    /// before the first save landed), so listings show them. Lock held.
    func recoverJournalOnlySessions() {
        for id in journals.sessionIDs() where PosixFile.stamp(path(FileSessionStore.fileName(id))) == nil {
            let found = journals.journals(of: id)
            guard !found.isEmpty, !found.contains(where: \.live) else { continue }
            _ = try? loadFolding(id: id)
        }
    }

    /// Opens a journal for a reply about to stream; nil (logged) when the disk refuses.
    ///
    /// None for a session this store saw whose file has since gone: it was deleted
    /// elsewhere, and a journal would bring it back on the next listing.
    public func openJournal(session: Session, replyID: String, buffered: Bool) -> ReplyJournal? {
        guard SessionID.isValid(session.id) else { return nil }
        let deleted = locked { known[session.id] != nil && PosixFile.stamp(path(FileSessionStore.fileName(session.id))) == nil }
        guard !deleted else { return nil }
        do {
            return try journals.open(session: session, replyID: replyID, buffered: buffered)
        } catch {
            logger.warning("could not open a reply journal",
                           metadata: ["id": "\(session.id)", "error": "\(SessionStoreError.reason(error))"])
            return nil
        }
    }

    /// Runs `body` holding the exclusive lock every Prism process takes to write sessions.
    ///
    /// A folder that cannot hold a lock file (read-only) runs `body` unlocked: the write
    /// that follows fails with the real reason.
    /// Re-entrant within this store (the in-process lock is held throughout): a second
    /// `flock` on a new descriptor would wait for the first one forever.
    func withFolderLock<T>(_ body: () throws -> T) throws -> T {
        if folderLockHeld { return try body() }
        folderLockHeld = true
        defer { folderLockHeld = false }
        try? PosixFile.makeFolder(folder.path)
        let fd = open(folder.appendingPathComponent(".lock").path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try body() }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
