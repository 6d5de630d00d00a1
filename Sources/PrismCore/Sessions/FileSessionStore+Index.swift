import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Listing through the summary index.
///
/// The index (`PrismPaths.sessionIndex`) maps each session file name to its size,
/// modification time and inode when it was summarised. `list()` stats every file and
/// decodes only those whose stamp changed, so listing a thousand sessions costs a
/// thousand `stat`s and one small read. The index is only a cache: missing, damaged or
/// written for another folder, it is rebuilt from the session files.
extension FileSessionStore {
    /// One cached file: a summary, or the format version of a file from a newer Prism.
    struct IndexEntry: Codable, Equatable, Sendable {
        var stamp: PosixFile.Stamp
        var summary: SessionSummary?
        var newerVersion: Int?

        enum CodingKeys: String, CodingKey {
            case stamp, summary, newerVersion = "newer_version"
        }
    }

    /// The index file's layout; entries sorted by file name so the bytes are stable.
    struct IndexFile: Codable {
        static let currentVersion = 1
        var version: Int
        var folder: String
        var entries: [Named]

        struct Named: Codable {
            var file: String
            var entry: IndexEntry
        }
    }

    /// Temp files older than this were left by a killed process and are removed.
    static let staleTempAge: TimeInterval = 3600

    public func list() throws -> SessionListing {
        try locked {
            recoverJournalOnlySessions()
            let names: [String]
            do {
                names = try PosixFile.names(in: folder.path)
            } catch let failure as FileFailure where failure.code == ENOENT {
                return SessionListing()
            } catch {
                throw SessionStoreError.listFailed(reason: SessionStoreError.reason(error))
            }
            loadIndexIfNeeded()
            let known = cache ?? [:]
            var fresh: [String: IndexEntry] = [:]
            var summaries: [SessionSummary] = []
            var problems: [String] = []
            for name in names.sorted() {
                if AtomicFile.isTempName(name) {
                    removeIfStale(name)
                    continue
                }
                guard name.hasSuffix(".json"), !name.hasPrefix("."), let stamp = PosixFile.stamp(path(name)) else {
                    continue
                }
                guard FileSessionStore.id(fromFileName: name) != nil else {
                    problems.append("session file \(name) skipped: its name is not a valid session id")
                    continue
                }
                let entry: IndexEntry
                if let cached = known[name], cached.stamp == stamp {
                    entry = cached
                } else {
                    switch summarise(name, stamp: stamp) {
                    case .success(let made): entry = made
                    case .failure(let problem):
                        problems.append(problem.line)
                        continue
                    }
                }
                fresh[name] = entry
                if let summary = entry.summary {
                    summaries.append(summary)
                } else if let version = entry.newerVersion {
                    problems.append(SessionStoreError.newerVersion(file: name, version: version).description)
                }
            }
            cache = fresh
            persistIndexIfChanged()
            return SessionListing(sessions: SessionListing.sorted(summaries), problems: problems)
        }
    }

    /// A line for `SessionListing.problems`, wrapped so it can travel in a `Result`.
    struct Problem: Error {
        var line: String
    }

    /// Reads one changed file into an index entry, quarantining it when it is damaged.
    private func summarise(_ name: String, stamp: PosixFile.Stamp) -> Result<IndexEntry, Problem> {
        let data: Data
        do {
            data = try PosixFile.read(path(name))
        } catch {
            let id = String(name.dropLast(5))
            return .failure(Problem(line: SessionStoreError.loadFailed(id: id, reason: SessionStoreError.reason(error)).description))
        }
        switch decode(data, fileName: name) {
        case .session(let session):
            return .success(IndexEntry(stamp: stamp, summary: SessionSummary(session), newerVersion: nil))
        case .newer(let version):
            return .success(IndexEntry(stamp: stamp, summary: nil, newerVersion: version))
        case .corrupt(let reason):
            let moved = quarantine(name, expected: stamp, reason: reason)
            if let movedTo = moved.movedTo {
                return .failure(Problem(line: SessionStoreError.corrupt(file: name, reason: reason, movedTo: movedTo).description))
            }
            let why = moved.failure ?? "unknown error"
            return .failure(Problem(line: SessionStoreError.oneLine(
                "session file \(name) is damaged (\(reason)); could not move it aside: \(why)")))
        }
    }

    private func removeIfStale(_ name: String) {
        guard let stamp = PosixFile.stamp(path(name)) else { return }
        let age = clock().timeIntervalSince1970 - Double(stamp.mtimeNs) / 1_000_000_000
        if age > FileSessionStore.staleTempAge {
            unlink(path(name))
            logger.notice("removed temp file left by an interrupted save", metadata: ["file": "\(name)"])
        }
    }

    /// Reads the index file once per store; anything unusable becomes an empty cache.
    func loadIndexIfNeeded() {
        guard cache == nil else { return }
        cache = [:]
        cacheOnDisk = nil
        guard let indexFile else { return }
        let data: Data
        do {
            data = try PosixFile.read(indexFile.path)
        } catch {
            return  // missing: first run, or the cache folder was cleared
        }
        guard let index = try? SessionCodec.decoder().decode(IndexFile.self, from: data),
              index.version == IndexFile.currentVersion, index.folder == folder.path
        else {
            logger.notice("session index unusable; rebuilding it", metadata: ["file": "\(indexFile.path)"])
            return
        }
        var entries: [String: IndexEntry] = [:]
        for named in index.entries { entries[named.file] = named.entry }
        cache = entries
        cacheOnDisk = entries
    }

    /// Rewrites the index atomically when it differs from what is on disk. Failures only cost speed.
    private func persistIndexIfChanged() {
        guard let indexFile, let cache, cache != cacheOnDisk else { return }
        let entries = cache.keys.sorted().map { IndexFile.Named(file: $0, entry: cache[$0]!) }
        let index = IndexFile(version: IndexFile.currentVersion, folder: folder.path, entries: entries)
        do {
            let data = try SessionCodec.encoder(pretty: false).encode(index)
            try PosixFile.makeFolder(indexFile.deletingLastPathComponent().path)
            try AtomicFile().write(data, to: indexFile)
            cacheOnDisk = cache
        } catch {
            logger.warning("could not write the session index",
                           metadata: ["file": "\(indexFile.path)", "error": "\(SessionStoreError.reason(error))"])
        }
    }
}
