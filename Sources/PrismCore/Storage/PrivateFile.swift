import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file the user asked for (an export) the way Prism writes its own: private and whole.
///
/// A regular file (new or replaced) is written atomically with mode 0600, like every
/// file Prism writes: an export holds a conversation. A symbolic link is followed, so
/// the file it names is replaced, not the link. A path that is not a regular file (a
/// FIFO, `/dev/stdout`, a terminal) cannot be replaced by a rename, so it is written
/// through in place.
public enum PrivateFile {
    /// Writes `data` to `url`; throws one line naming the path and the system's reason.
    public static func write(_ data: Data, to url: URL) throws {
        try write(data, to: url, writer: AtomicFile())
    }

    static func write(_ data: Data, to url: URL, writer: AtomicFile) throws {
        let path = url.path
        do {
            var info = stat()
            if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                guard (info.st_mode & S_IFMT) != S_IFDIR else { throw FileFailure("open", code: EISDIR) }
                try writeInPlace(data, to: path)
                return
            }
            try writer.write(data, to: URL(fileURLWithPath: resolved(path)), mode: 0o600)
        } catch {
            throw StateFile.Failure(description: "could not write \(path): \(SessionStoreError.reason(error))")
        }
    }

    /// The path with symbolic links followed, when it names an existing file; else as given.
    private static func resolved(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK,
              let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    private static func writeInPlace(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard fd >= 0 else { throw FileFailure("open") }
        defer { close(fd) }
        try PosixFile.writeAll(fd, data)
    }
}
