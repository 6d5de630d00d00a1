import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One small JSON file of Prism's own state (saved sets, prompt history, picker, spend).
///
/// These files are rewritten whole, so a file that no longer parses (a stray comment
/// added by hand, a disk error) would otherwise be replaced by the next save and what
/// it held would be gone. Like damaged session files, it is moved aside instead, to
/// `corrupt/<name>.<UTC time>` next to it, reported once in one line, and the caller
/// starts afresh. A missing file is simply empty state. When the file cannot be moved
/// aside, `Loaded.blocked` says so and `save` refuses to replace it.
public struct StateFile: Sendable {
    /// The file itself.
    public let url: URL
    /// Where damaged copies go (by default `corrupt/` in the file's folder).
    public let corruptFolder: URL

    let writer: AtomicFile
    let clock: @Sendable () -> Date

    public init(url: URL, corruptFolder: URL? = nil) {
        self.init(url: url, corruptFolder: corruptFolder, faults: nil, now: { Date() })
    }

    /// Tests pass `faults` to make a step of every write fail and `now` to fix quarantine names.
    init(url: URL, corruptFolder: URL? = nil, faults: AtomicFile.FaultInjector?, now: @escaping @Sendable () -> Date) {
        self.url = url
        self.corruptFolder = corruptFolder
            ?? url.deletingLastPathComponent().appendingPathComponent("corrupt", isDirectory: true)
        self.writer = AtomicFile(faults: faults)
        self.clock = now
    }

    /// What reading the file gave.
    public struct Loaded<Value> {
        /// The decoded contents; nil when the file is missing, empty or was damaged.
        public var value: Value?
        /// One line to show the user when the file was damaged (moved aside or not).
        public var warning: String?
        /// True when a damaged file is still in place: it must not be overwritten.
        public var blocked: Bool

        public init(value: Value?, warning: String? = nil, blocked: Bool = false) {
            self.value = value
            self.warning = warning
            self.blocked = blocked
        }
    }

    /// Why `save` refused or failed, as one line.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads and decodes the file, moving it aside when it exists but cannot be read or decoded.
    public func load<Value>(_ decode: (Data) throws -> Value) -> Loaded<Value> {
        for _ in 0..<3 {
            let stamp = PosixFile.stamp(url.path)
            let reason: String
            do {
                let data = try PosixFile.read(url.path)
                if data.isEmpty { return Loaded(value: nil) }
                do {
                    return Loaded(value: try decode(data))
                } catch {
                    reason = SessionCodec.describe(error)
                }
            } catch let failure as FileFailure where failure.code == ENOENT {
                return Loaded(value: nil)
            } catch {
                reason = "cannot be read: " + SessionStoreError.reason(error)
            }
            // Replaced by a good save while it was being read: read the new one.
            if let stamp, PosixFile.stamp(url.path) != stamp { continue }
            return quarantine(reason: reason)
        }
        return Loaded(value: nil, warning: "\(name) keeps changing while being read; left as it is", blocked: true)
    }

    /// Writes `data` atomically, mode 0600, creating the folder (0700) when needed.
    public func save(_ data: Data) throws {
        do {
            try PosixFile.makeFolder(url.deletingLastPathComponent().path)
            try writer.write(data, to: url, mode: 0o600)
        } catch {
            throw Failure(description: "could not write \(url.path): \(SessionStoreError.reason(error))")
        }
    }

    /// The refusal `save` callers throw when `Loaded.blocked` is set.
    public var blockedFailure: Failure {
        Failure(description: "\(url.path) is damaged and could not be moved aside; not overwriting it")
    }

    private var name: String { url.lastPathComponent }

    /// Moves the damaged file to `corrupt/<name>.<UTC time>` (never replacing anything there).
    private func quarantine<Value>(reason: String) -> Loaded<Value> {
        do {
            // nil: another Prism moved it aside first (and said so).
            guard let target = try CorruptFolder.moveAside(url, into: corruptFolder, at: clock()) else { return Loaded(value: nil) }
            return Loaded(value: nil, warning: "\(name) could not be read (\(reason)); moved to \(target.path), starting afresh")
        } catch {
            return Loaded(value: nil, warning: "\(name) could not be read (\(reason)) nor moved aside "
                + "(\(SessionStoreError.reason(error))); it is left as it is and not overwritten", blocked: true)
        }
    }
}
