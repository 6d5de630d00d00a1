import Foundation
@testable import PrismCore

/// A session store in memory, a stand-in for `FileSessionStore` in tests.
///
/// Sessions go through the real `SessionCodec` on save and load, so a test sees what
/// the file store would give back (millisecond dates, interrupted replies read as
/// failed). Saves can be made to fail to test how callers report a full disk.
final class InMemorySessionStore: SessionStoring, @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var files: [String: Data] = [:]
    private var saveFailure: SessionStoreError?
    private var saves = 0
    /// What this store last wrote or read of each session, as the file store remembers stamps.
    private var known: [String: (data: Data, baseline: SessionBaseline, mergedWrite: Session?)] = [:]

    init(sessions: [Session] = []) {
        for session in sessions {
            files[session.id] = try? SessionCodec.encode(session)
        }
    }

    /// Makes every following save throw `error` (pass `nil` to let saves succeed again).
    func failSaves(with error: SessionStoreError?) {
        locked { saveFailure = error }
    }

    /// Number of successful saves so far.
    var saveCount: Int { locked { saves } }

    @discardableResult
    func save(_ session: Session) throws -> SaveReport {
        try save(session, recreate: false)
    }

    @discardableResult
    func keep(_ session: Session) throws -> SaveReport {
        try save(session, recreate: true)
    }

    /// Changes a session as another window or command would: the next save of this store
    /// merges it in (or, for `nil`, finds the session deleted elsewhere).
    func changeElsewhere(id: String, to session: Session?) {
        locked {
            if let session { files[id] = try? SessionCodec.encode(session) } else { files[id] = nil }
        }
    }

    private func save(_ session: Session, recreate: Bool) throws -> SaveReport {
        try SessionID.validate(session.id)
        return try locked {
            if let saveFailure { throw saveFailure }
            let before = known[session.id]
            let onDisk = files[session.id]
            if before != nil, onDisk == nil, !recreate { throw SessionStoreError.deletedElsewhere(id: session.id) }
            var written = session
            var report = SaveReport()
            var theirs: Session?
            if let onDisk, onDisk != before?.data {
                theirs = try? SessionCodec.decode(onDisk, fileName: FileSessionStore.fileName(session.id))
            } else if onDisk != nil {
                theirs = before?.mergedWrite
            }
            if let theirs {
                let (merged, summary) = session.merged(with: theirs, base: before?.baseline)
                if merged != session {
                    written = merged
                    report = SaveReport(merged: merged, summary: summary)
                }
            }
            let data: Data
            do {
                data = try SessionCodec.encode(written)
            } catch {
                throw SessionStoreError.saveFailed(id: session.id, reason: SessionStoreError.reason(error))
            }
            files[session.id] = data
            known[session.id] = (data, SessionBaseline(session), written == session ? nil : written)
            saves += 1
            return report
        }
    }

    func load(id: String) throws -> Session {
        guard let data = locked({ files[id] }) else { throw SessionStoreError.notFound(id) }
        let session = try SessionCodec.decode(data, fileName: FileSessionStore.fileName(id))
        locked { known[id] = (data, SessionBaseline(session), nil) }
        return session
    }

    func list() throws -> SessionListing {
        let snapshot = locked { files }
        var summaries: [SessionSummary] = []
        var problems: [String] = []
        for id in snapshot.keys.sorted() {
            do {
                summaries.append(SessionSummary(try SessionCodec.decode(snapshot[id]!, fileName: FileSessionStore.fileName(id))))
            } catch {
                problems.append(SessionStoreError.reason(error))
            }
        }
        return SessionListing(sessions: SessionListing.sorted(summaries), problems: problems)
    }

    func delete(id: String) throws {
        try locked {
            guard files.removeValue(forKey: id) != nil else { throw SessionStoreError.notFound(id) }
            known[id] = nil
        }
    }

    func rename(id: String, title: String) throws {
        guard let data = locked({ files[id] }) else { throw SessionStoreError.notFound(id) }
        var session = try SessionCodec.decode(data, fileName: FileSessionStore.fileName(id))
        session.title = Session.cleanTitle(title)
        changeElsewhere(id: id, to: session)
        locked { saves += 1 }
    }

    func resolve(prefix: String) throws -> String {
        try SessionID.resolve(prefix, among: locked { Array(files.keys) })
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
