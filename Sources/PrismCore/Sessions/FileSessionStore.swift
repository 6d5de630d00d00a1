import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Sessions as one JSON file each in `$XDG_DATA_HOME/prism/sessions/`.
///
/// A synchronous class with a lock rather than an actor: async CLI code and the
/// terminal UI's own thread both call it, and neither should need to hop executors
/// to save. Files are written atomically (see `AtomicFile`), so a full disk or a
/// killed process leaves the previous version intact. Damaged files are moved to
/// `sessions/corrupt/` and reported, never overwritten or deleted; files from a newer
/// Prism are skipped and left in place. Listing uses a summary index in the cache
/// folder so it only decodes files that changed (see `FileSessionStore+Index.swift`).
public final class FileSessionStore: SessionStoring, ReplyJournaling, @unchecked Sendable {
    /// The sessions folder.
    public let folder: URL
    /// The summary index file, or `nil` to keep summaries in memory only.
    public let indexFile: URL?

    let logger: Logger
    let clock: @Sendable () -> Date
    let writer: AtomicFile
    private let lock = NSLock()

    // Guarded by `lock`.
    /// Summaries by file name; `nil` until the index file has been read.
    var cache: [String: IndexEntry]?
    /// What the index file on disk holds, so it is rewritten only when something changed.
    var cacheOnDisk: [String: IndexEntry]?
    var decodedFiles = 0
    /// What this store last read or wrote of each session file, to notice other writers.
    var known: [String: Known] = [:]

    /// One session file as this store last saw it: its stamp, the fields a merge compares,
    /// and, when the last save merged another writer's changes in, what it wrote (the
    /// caller's next snapshot may not have taken them in yet and must not drop them).
    struct Known {
        var stamp: PosixFile.Stamp
        var baseline: SessionBaseline
        var mergedWrite: Session?
    }

    /// True while this store holds the folder's `flock` (see `withFolderLock`).
    var folderLockHeld = false

    /// Journals of replies in flight (`sessions/journal/`).
    let journals: JournalFolder

    /// The live store: `paths.sessions`, with the index at `paths.sessionIndex`.
    public convenience init(paths: PrismPaths, logger: Logger = Logger(label: "prism.sessions")) {
        self.init(folder: paths.sessions, indexFile: paths.sessionIndex, logger: logger)
    }

    public convenience init(
        folder: URL, indexFile: URL?, logger: Logger = Logger(label: "prism.sessions"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(folder: folder, indexFile: indexFile, logger: logger, now: now, faults: nil)
    }

    /// Tests pass `faults` to make a chosen step of every session write fail.
    init(
        folder: URL, indexFile: URL?, logger: Logger = Logger(label: "prism.sessions"),
        now: @escaping @Sendable () -> Date = { Date() }, faults: AtomicFile.FaultInjector?
    ) {
        self.folder = folder
        self.indexFile = indexFile
        self.logger = logger
        self.clock = now
        self.writer = AtomicFile(faults: faults)
        self.journals = JournalFolder(sessionsFolder: folder)
    }

    /// How many session files have been decoded so far (tests check the index spares work).
    var decodeCount: Int { locked { decodedFiles } }

    @discardableResult
    public func save(_ session: Session) throws -> SaveReport {
        try save(session, recreate: false)
    }

    @discardableResult
    public func keep(_ session: Session) throws -> SaveReport {
        try save(session, recreate: true)
    }

    public func load(id: String) throws -> Session {
        try SessionID.validate(id)
        return try locked { try loadFolding(id: id) }
    }

    public func delete(id: String) throws {
        try SessionID.validate(id)
        try locked {
            try withFolderLock {
                let name = FileSessionStore.fileName(id)
                if unlink(path(name)) != 0 {
                    let code = errno
                    // A session that only ever reached its journals is still deletable.
                    guard code == ENOENT, !journals.journals(of: id).isEmpty else {
                        if code == ENOENT { throw SessionStoreError.notFound(id) }
                        throw SessionStoreError.deleteFailed(id: id, reason: FileFailure.message(for: code))
                    }
                }
                journals.removeAll(sessionID: id)
                AtomicFile.syncFolder(folder.path)
                cache?[name] = nil
                known[id] = nil
                logger.info("deleted session", metadata: ["id": "\(id)"])
            }
        }
    }

    public func rename(id: String, title: String) throws {
        try SessionID.validate(id)
        let clean = Session.cleanTitle(title)
        try locked {
            try withFolderLock {
                let before = known[id]
                var session = try loadFolding(id: id)
                session.title = clean
                let data: Data
                do {
                    data = try SessionCodec.encode(session)
                } catch {
                    throw SessionStoreError.saveFailed(id: id, reason: SessionStoreError.reason(error))
                }
                try write(session, data: data)
                // What this store knew before stays its baseline: a window of this process
                // that saves next merges the new title in rather than reverting it.
                known[id] = before
            }
        }
    }

    public func resolve(prefix: String) throws -> String {
        let ids: [String] = try locked {
            let names: [String]
            do {
                names = try PosixFile.names(in: folder.path)
            } catch let failure as FileFailure where failure.code == ENOENT {
                return []
            } catch {
                throw SessionStoreError.listFailed(reason: SessionStoreError.reason(error))
            }
            return names.compactMap(FileSessionStore.id(fromFileName:))
        }
        return try SessionID.resolve(prefix, among: ids)
    }

    // MARK: - Internals (lock held)

    func path(_ name: String) -> String {
        folder.appendingPathComponent(name).path
    }

    static func fileName(_ id: String) -> String { id + ".json" }

    /// The id a session file name stands for, or `nil` for anything that is not a session file.
    static func id(fromFileName name: String) -> String? {
        guard name.hasSuffix(".json"), !name.hasPrefix(".") else { return nil }
        let id = String(name.dropLast(5))
        return SessionID.isValid(id) ? id : nil
    }

    func write(_ session: Session, data: Data) throws {
        let name = FileSessionStore.fileName(session.id)
        do {
            try PosixFile.makeFolder(folder.path)
            try writer.write(data, to: folder.appendingPathComponent(name))
        } catch {
            let failure = SessionStoreError.saveFailed(id: session.id, reason: SessionStoreError.reason(error))
            logger.error("\(failure.description)")
            throw failure
        }
        if let stamp = PosixFile.stamp(path(name)) {
            loadIndexIfNeeded()
            cache?[name] = IndexEntry(stamp: stamp, summary: SessionSummary(session), newerVersion: nil)
        }
    }

    /// The session file as written (no crash repair), or nil when there is none.
    func readFile(id: String) throws -> (Session, PosixFile.Stamp)? {
        let name = FileSessionStore.fileName(id)
        let stamp = PosixFile.stamp(path(name))
        let data: Data
        do {
            data = try PosixFile.read(path(name))
        } catch let failure as FileFailure where failure.code == ENOENT {
            return nil
        } catch {
            throw SessionStoreError.loadFailed(id: id, reason: SessionStoreError.reason(error))
        }
        switch decode(data, fileName: name, repair: false) {
        case .session(let session):
            return (session, stamp ?? PosixFile.Stamp(size: 0, mtimeNs: 0, inode: 0))
        case .newer(let version):
            throw SessionStoreError.newerVersion(file: name, version: version)
        case .corrupt(let reason):
            let moved = quarantine(name, expected: stamp, reason: reason)
            throw SessionStoreError.corrupt(file: name, reason: reason, movedTo: moved.movedTo)
        }
    }

    /// Decodes a session file, counting it, with the file name as the session's id.
    ///
    /// The file name is the identity: a session file copied to a new name is a new session.
    func decode(_ data: Data, fileName name: String, repair: Bool = true) -> SessionCodec.Outcome {
        decodedFiles += 1
        let outcome = SessionCodec.read(data, repair: repair)
        if case .session(var session) = outcome, let id = FileSessionStore.id(fromFileName: name), session.id != id {
            session.id = id
            return .session(session)
        }
        return outcome
    }

    /// Moves a damaged file to `corrupt/<name>.<UTC time>` without replacing anything there.
    ///
    /// Skipped when the file changed since it was read (a save replaced it meanwhile).
    /// Returns the new relative path, or why the move failed.
    func quarantine(_ name: String, expected: PosixFile.Stamp?, reason: String) -> (movedTo: String?, failure: String?) {
        let source = path(name)
        if let expected, PosixFile.stamp(source) != expected {
            return (nil, "it changed while being read")
        }
        let corruptFolder = folder.appendingPathComponent("corrupt", isDirectory: true).path
        let stamp = (UTCTimestamp(clock()) ?? UTCTimestamp(Date())!).compact(separator: "T", suffix: "Z")
        do {
            try PosixFile.makeFolder(corruptFolder)
            for attempt in 0..<1000 {
                let target = "\(name).\(stamp)" + (attempt == 0 ? "" : "-\(attempt)")
                do {
                    try PosixFile.moveWithoutReplacing(source, to: corruptFolder + "/" + target)
                } catch let failure as FileFailure where failure.code == EEXIST {
                    continue
                }
                AtomicFile.syncFolder(folder.path)
                cache?[name] = nil
                logger.warning("moved damaged session file aside",
                               metadata: ["file": "\(name)", "to": "corrupt/\(target)", "reason": "\(reason)"])
                return ("corrupt/" + target, nil)
            }
            throw FileFailure("rename", code: EEXIST)
        } catch {
            let why = SessionStoreError.reason(error)
            logger.error("could not move damaged session file aside",
                         metadata: ["file": "\(name)", "error": "\(why)"])
            return (nil, why)
        }
    }

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
