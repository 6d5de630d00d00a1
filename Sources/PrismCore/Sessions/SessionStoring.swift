import Foundation

/// Where sessions are kept: files on disk in the app, memory in UI tests.
///
/// Synchronous on purpose: the CLI calls it from async code and the terminal UI from
/// its own thread, and a save is a few milliseconds of file I/O. Implementations are
/// thread-safe. Every error thrown is a `SessionStoreError`.
public protocol SessionStoring: Sendable {
    /// Writes the whole session, replacing any previous version atomically.
    func save(_ session: Session) throws
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

extension SessionStoring {
    /// Resolves a typed id or prefix and loads that session.
    public func load(matching prefix: String) throws -> Session {
        try load(id: resolve(prefix: prefix))
    }
}
