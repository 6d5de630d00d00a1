import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where files Prism could not read are kept: `corrupt/<name>.<UTC time>` beside them,
/// never replacing anything already there, so a damaged file is never lost or overwritten.
enum CorruptFolder {
    /// Moves `url` (and the files named `url` + each of `companions`, when present) into
    /// `folder`; returns where it went, or nil when the file was already gone (another
    /// process moved it first). Throws when it could not be moved.
    static func moveAside(_ url: URL, into folder: URL, at time: Date, companions: [String] = []) throws -> URL? {
        let stamp = (UTCTimestamp(time) ?? UTCTimestamp(Date())!).compact(separator: "T", suffix: "Z")
        try PosixFile.makeFolder(folder.path)
        for attempt in 0..<1000 {
            let target = folder.appendingPathComponent("\(url.lastPathComponent).\(stamp)" + (attempt == 0 ? "" : "-\(attempt)"))
            do {
                try PosixFile.moveWithoutReplacing(url.path, to: target.path)
            } catch let failure as FileFailure where failure.code == EEXIST {
                continue
            } catch let failure as FileFailure where failure.code == ENOENT {
                return nil
            }
            for suffix in companions {
                try? PosixFile.moveWithoutReplacing(url.path + suffix, to: target.path + suffix)
            }
            AtomicFile.syncFolder(url.deletingLastPathComponent().path)
            return target
        }
        throw FileFailure("rename", code: EEXIST)
    }
}
