import Foundation

/// Each model's providers kept on disk for a short while (`endpoints/<model>.json` in the cache
/// folder), so opening a provider table twice, or `prism models endpoints` in a loop, asks once.
///
/// Uptime and latency change by the minute, so the lifetime is short; when a fetch fails,
/// an older copy is still shown, marked by its age.
public struct EndpointCache: Sendable {
    public let folder: URL
    public var maxAge: TimeInterval

    public init(folder: URL, maxAge: TimeInterval = 10 * 60) {
        self.folder = folder
        self.maxAge = maxAge
    }

    /// The file for one model: the id with every character outside `[A-Za-z0-9._-]` replaced, so it cannot leave the folder.
    public func file(for model: String) -> URL {
        let safe = String(model.unicodeScalars.map { scalar -> Character in
            let c = Character(scalar)
            return c.isASCII && (c.isLetter || c.isNumber || c == "." || c == "-" || c == "_") ? c : "_"
        })
        let name = safe.hasPrefix(".") ? "_" + safe : safe
        return folder.appendingPathComponent(name + ".json")
    }

    public func load(model: String) -> ModelEndpoints? {
        guard let data = FileManager.default.contents(atPath: file(for: model).path),
              let cached = try? JSONDecoder.catalog.decode(ModelEndpoints.self, from: data),
              cached.modelID == model else { return nil }
        return cached
    }

    public func save(_ endpoints: ModelEndpoints) throws {
        let data = try JSONEncoder.catalog.encode(endpoints)
        try PosixFile.makeFolder(folder.path)
        try AtomicFile().write(data, to: file(for: endpoints.modelID), mode: 0o600)
    }

    public func isStale(_ endpoints: ModelEndpoints, now: Date = Date()) -> Bool {
        now.timeIntervalSince(endpoints.fetchedAt) > maxAge
    }

    /// The cached providers when fresh; otherwise fetched, saved and returned. When the fetch
    /// fails, a stale copy is still returned (its `fetchedAt` tells how old it is).
    public func endpoints(model: String, client: OpenRouterClient, refresh: Bool = false, now: Date = Date()) async throws -> ModelEndpoints {
        let cached = load(model: model)
        if let cached, !refresh, !isStale(cached, now: now) { return cached }
        do {
            let fresh = try await client.fetchEndpoints(model: model, now: now)
            try? save(fresh)
            return fresh
        } catch {
            if let cached { return cached }
            throw error
        }
    }
}
