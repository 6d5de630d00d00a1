import Foundation

/// A session store in memory, for UI and CLI tests.
///
/// Sessions go through the real `SessionCodec` on save and load, so a test sees what
/// the file store would give back (millisecond dates, interrupted replies read as
/// failed). Saves can be made to fail to test how callers report a full disk.
public final class InMemorySessionStore: SessionStoring, @unchecked Sendable {
    private let lock = NSLock()
    // Guarded by `lock`.
    private var files: [String: Data] = [:]
    private var saveFailure: SessionStoreError?
    private var saves = 0

    public init(sessions: [Session] = []) {
        for session in sessions {
            files[session.id] = try? SessionCodec.encode(session)
        }
    }

    /// Makes every following save throw `error` (pass `nil` to let saves succeed again).
    public func failSaves(with error: SessionStoreError?) {
        locked { saveFailure = error }
    }

    /// Number of successful saves so far.
    public var saveCount: Int { locked { saves } }

    public func save(_ session: Session) throws {
        try SessionID.validate(session.id)
        let data: Data
        do {
            data = try SessionCodec.encode(session)
        } catch {
            throw SessionStoreError.saveFailed(id: session.id, reason: SessionStoreError.reason(error))
        }
        try locked {
            if let saveFailure { throw saveFailure }
            files[session.id] = data
            saves += 1
        }
    }

    public func load(id: String) throws -> Session {
        guard let data = locked({ files[id] }) else { throw SessionStoreError.notFound(id) }
        return try SessionCodec.decode(data, fileName: FileSessionStore.fileName(id))
    }

    public func list() throws -> SessionListing {
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

    public func delete(id: String) throws {
        try locked {
            guard files.removeValue(forKey: id) != nil else { throw SessionStoreError.notFound(id) }
        }
    }

    public func rename(id: String, title: String) throws {
        var session = try load(id: id)
        session.title = SessionStoreError.oneLine(title).trimmingCharacters(in: .whitespaces)
        try save(session)
    }

    public func resolve(prefix: String) throws -> String {
        try SessionID.resolve(prefix, among: locked { Array(files.keys) })
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
