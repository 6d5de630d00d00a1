import Foundation

/// Where sessions are kept: files on disk (`FileSessionStore`); the core tests also use one in memory.
///
/// Synchronous on purpose: the CLI calls it from async code and the terminal UI from
/// its own thread, and a save is a few milliseconds of file I/O. Implementations are
/// thread-safe. Every error thrown is a `SessionStoreError`.
public protocol SessionStoring: Sendable {
    /// Writes the whole session, replacing any previous version atomically.
    ///
    /// When another window or command changed the file since this store last loaded or
    /// saved it, the two versions are merged (see `Session.merged`) and the report says
    /// what came in. A session deleted elsewhere since then throws `deletedElsewhere`
    /// instead of coming back silently; `keep` writes it again.
    @discardableResult
    func save(_ session: Session) throws -> SaveReport
    /// Saves a session even though it was deleted elsewhere (the user chose to keep it).
    @discardableResult
    func keep(_ session: Session) throws -> SaveReport
    /// The session with exactly this id. A reply saved mid-stream comes back as failed (`truncated`).
    func load(id: String) throws -> Session
    /// Summaries of every readable session, newest first, plus one line per problem file.
    func list() throws -> SessionListing
    func delete(id: String) throws
    /// Sets the title and saves; `updatedAt` is left alone so renaming does not reorder the list.
    func rename(id: String, title: String) throws
    /// The full id of the one session whose id equals or starts with `prefix` (see `SessionID.resolve`).
    func resolve(prefix: String) throws -> String
}

/// What a save did beyond writing what it was given.
public struct SaveReport: Sendable, Equatable {
    /// The session as written, when another writer's changes were merged into it.
    public var merged: Session?
    /// What the merge took from the other writer.
    public var summary = MergeSummary()

    public init(merged: Session? = nil, summary: MergeSummary = MergeSummary()) {
        self.merged = merged
        self.summary = summary
    }
}

/// Keeps streaming replies durable between saves (see `ReplyJournal`).
public protocol ReplyJournaling: Sendable {
    /// Opens a journal for the reply `replyID` of `session` (a skeleton with at least the
    /// reply and its prompt is enough); nil when journals are not kept. A `buffered` one
    /// writes on `flush()` (see `ReplyJournal`).
    func openJournal(session: Session, replyID: String, buffered: Bool) -> ReplyJournal?
}

extension ReplyJournaling {
    /// A journal that writes every line at once.
    public func openJournal(session: Session, replyID: String) -> ReplyJournal? {
        openJournal(session: session, replyID: replyID, buffered: false)
    }
}

extension SessionStoring {
    /// Resolves a typed id or prefix and loads that session.
    public func load(matching prefix: String) throws -> Session {
        try load(id: resolve(prefix: prefix))
    }
}
