import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents all at once or not at all.
///
/// The data goes to a hidden temp file in the same folder (so `rename` stays on one
/// file system and is atomic), is `fsync`ed, then renamed over the target, and the
/// folder is `fsync`ed so the rename itself survives a power cut. A reader or a crash
/// sees either the whole old file or the whole new one. On any failure the temp file
/// is removed and the old file is left exactly as it was.
struct AtomicFile: Sendable {
    /// The steps a write goes through, named so tests can make any one of them fail.
    enum Step: String, Sendable {
        case create, write, sync, rename
    }

    /// Called before each step; throwing from it fails the write at that step (tests only).
    typealias FaultInjector = @Sendable (Step) throws -> Void

    var faults: FaultInjector?

    init(faults: FaultInjector? = nil) {
        self.faults = faults
    }

    /// Writes `data` to `target` atomically with permissions `mode`.
    func write(_ data: Data, to target: URL, mode: mode_t = 0o600) throws {
        let folder = target.deletingLastPathComponent().path
        try faults?(.create)
        let (fd, tempPath) = try createTemp(in: folder, for: target.lastPathComponent, mode: mode)
        var renamed = false
        defer { if !renamed { unlink(tempPath) } }
        do {
            try faults?(.write)
            try PosixFile.writeAll(fd, data)
            try faults?(.sync)
            guard fsync(fd) == 0 else { throw FileFailure("fsync") }
        } catch {
            close(fd)
            throw error
        }
        // close can report a deferred write error on some file systems.
        guard close(fd) == 0 else { throw FileFailure("close") }
        try faults?(.rename)
        guard rename(tempPath, target.path) == 0 else { throw FileFailure("rename") }
        renamed = true
        // The new file is in place; a folder that cannot be synced (some file systems refuse) is not a failed save.
        AtomicFile.syncFolder(folder)
    }

    /// True for the hidden temp files this type creates, which listings skip.
    static func isTempName(_ name: String) -> Bool {
        name.hasPrefix(".") && name.hasSuffix(".tmp")
    }

    private func createTemp(in folder: String, for name: String, mode: mode_t) throws -> (Int32, String) {
        var attempt = 0
        while true {
            let unique = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let path = folder + "/.\(name).\(getpid()).\(unique).tmp"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if fd >= 0 {
                fchmod(fd, mode)  // exact mode whatever the umask
                return (fd, path)
            }
            let code = errno
            attempt += 1
            guard code == EEXIST, attempt < 5 else { throw FileFailure("create", code: code) }
        }
    }

    /// `fsync` on a folder, so a rename or unlink inside it is durable. Errors are ignored.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
