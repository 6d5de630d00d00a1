import Foundation

/// The model catalog as saved on disk, with the time it was fetched.
public struct CatalogSnapshot: Codable, Sendable, Equatable {
    public var fetchedAt: Date
    /// The base URL the catalog came from (without credentials): a catalog of one server is no use for another.
    public var baseURL: String
    public var models: [ModelInfo]

    public init(fetchedAt: Date, baseURL: String, models: [ModelInfo]) {
        self.fetchedAt = fetchedAt
        self.baseURL = baseURL
        self.models = models
    }

    enum CodingKeys: String, CodingKey { case fetchedAt = "fetched_at", baseURL = "base_url", models }

    /// Seconds since the catalog was fetched.
    public func age(now: Date = Date()) -> TimeInterval { now.timeIntervalSince(fetchedAt) }
}

/// Keeps the last fetched catalog on disk, so the picker and prices work offline
/// and appear at once; a background refresh replaces it.
public struct CatalogCache: Sendable {
    public let file: URL
    /// A catalog older than this is refreshed.
    public var maxAge: TimeInterval

    public init(file: URL, maxAge: TimeInterval = 6 * 3600) {
        self.file = file
        self.maxAge = maxAge
    }

    /// The cached catalog for this base URL, if there is a readable one.
    public func load(baseURL: URL) -> CatalogSnapshot? {
        guard let data = FileManager.default.contents(atPath: file.path),
              let snapshot = try? JSONDecoder.catalog.decode(CatalogSnapshot.self, from: data),
              snapshot.baseURL == baseURL.displayString else { return nil }
        return snapshot
    }

    /// Writes the snapshot; a base URL is stored without user name or password whatever it holds.
    public func save(_ snapshot: CatalogSnapshot) throws {
        var snapshot = snapshot
        snapshot.baseURL = URL(string: snapshot.baseURL)?.displayString ?? DisplayURL.text(snapshot.baseURL)
        let data = try JSONEncoder.catalog.encode(snapshot)
        try PosixFile.makeFolder(file.deletingLastPathComponent().path)
        try AtomicFile().write(data, to: file, mode: 0o600)
    }

    public func isStale(_ snapshot: CatalogSnapshot, now: Date = Date()) -> Bool {
        snapshot.age(now: now) > maxAge
    }

    /// The cached catalog when fresh; otherwise fetches, saves and returns a new one.
    /// When the fetch fails, a stale cached catalog is still returned (offline use).
    public func catalog(client: OpenRouterClient, refresh: Bool = false, now: Date = Date()) async throws -> CatalogSnapshot {
        let cached = load(baseURL: client.configuration.baseURL)
        if let cached, !refresh, !isStale(cached, now: now) { return cached }
        do {
            let models = try await client.fetchModels()
            let snapshot = CatalogSnapshot(fetchedAt: now, baseURL: client.configuration.baseURL.displayString, models: models)
            try? save(snapshot)
            return snapshot
        } catch {
            if let cached { return cached }
            throw error
        }
    }
}

extension JSONEncoder {
    static var catalog: JSONEncoder {
        let e = JSONEncoder()
        e.dateEncodingStrategy = .iso8601
        return e
    }
}

extension JSONDecoder {
    static var catalog: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
