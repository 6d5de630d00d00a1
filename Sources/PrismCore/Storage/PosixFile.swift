import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few raw file operations the store needs, with `errno` kept for messages.
///
/// `FileManager` turns errors into verbose Cocoa errors and costs more per call;
/// listing a thousand sessions is a thousand `stat`s, so they go straight to the system.
enum PosixFile {
    /// What identifies one version of a file cheaply: a changed file changes at least one field.
    ///
    /// Atomic saves create a new inode every time, so even two saves within one
    /// coarse mtime tick with equal sizes differ.
    struct Stamp: Codable, Equatable, Sendable {
        var size: Int64
        var mtimeNs: Int64
        var inode: UInt64

        enum CodingKeys: String, CodingKey {
            case size, mtimeNs = "mtime_ns", inode
        }
    }

    /// Stamp of a regular file, or `nil` when it is missing or not a regular file.
    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Stamp(size: Int64(info.st_size), mtimeNs: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec),
                     inode: UInt64(info.st_ino))
    }

    /// The whole file; throws `FileFailure` (with `ENOENT` for a missing file).
    static func read(_ path: String) throws -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileFailure("open") }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileFailure("stat") }
        var data = Data(count: max(Int(info.st_size), 0))
        var filled = 0
        try data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) in
            while filled < buffer.count {
                let n = Glibc_read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileFailure("read")
                }
                if n == 0 { break }
                filled += n
            }
        }
        if filled < data.count { data.removeSubrange(filled...) }
        // The file may have grown since fstat; read the rest.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileFailure("read")
            }
            if n == 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        return data
    }

    /// Names in a folder (no `.` or `..`); throws `FileFailure` (`ENOENT` when it does not exist).
    static func names(in folder: String) throws -> [String] {
        guard let dir = opendir(folder) else { throw FileFailure("opendir") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Creates a folder and its parents with `mode` for the ones it creates; an existing folder is fine.
    static func makeFolder(_ path: String, mode: mode_t = 0o700) throws {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw FileFailure("mkdir", code: ENOTDIR) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolder(parent, mode: mode) }
        if mkdir(path, mode) != 0, errno != EEXIST { throw FileFailure("mkdir") }
    }

    /// Writes all of `data` to `fd`, again after a signal interrupts; throws `FileFailure`
    /// (`write`, with `EIO` when the system accepts nothing).
    static func writeAll(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let written = systemWrite(fd, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileFailure("write")
                }
                if written == 0 { throw FileFailure("write", code: EIO) }
                pointer += written
                remaining -= written
            }
        }
    }

    /// `close(2)`, for types whose own `close()` method hides the system call.
    static func closeDescriptor(_ fd: Int32) {
        _ = systemClose(fd)
    }

    /// Creates `path` empty with `mode` when missing; an existing file is left as it is, and
    /// never opened.
    ///
    /// Never opening an existing file matters for databases: closing any descriptor of a file
    /// drops every POSIX lock this process holds on it, SQLite's included, so opening
    /// `prism.db` again (a second connection) would let another process take it as unused
    /// and lose this one's committed writes.
    static func createIfMissing(_ path: String, mode: mode_t = 0o600) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, mode)
        if fd < 0, errno == EEXIST { return }
        guard fd >= 0 else { throw FileFailure("open") }
        closeDescriptor(fd)
    }

    /// Moves `source` to `target` only if nothing is at `target` (never replaces a file).
    static func moveWithoutReplacing(_ source: String, to target: String) throws {
        if link(source, target) == 0 {
            unlink(source)
            return
        }
        let code = errno
        if code == EEXIST { throw FileFailure("link", code: code) }
        // File systems without hard links: check, then rename (the store's lock covers this process).
        guard access(target, F_OK) != 0 else { throw FileFailure("rename", code: EEXIST) }
        guard rename(source, target) == 0 else { throw FileFailure("rename") }
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.read(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.read(fd, buffer, count)
    #else
    return Glibc.read(fd, buffer, count)
    #endif
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Darwin)
    return Darwin.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Glibc.write(fd, buffer, count)
    #endif
}

@inline(__always)
private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Darwin)
    return Darwin.close(fd)
    #elseif canImport(Musl)
    return Musl.close(fd)
    #else
    return Glibc.close(fd)
    #endif
}
