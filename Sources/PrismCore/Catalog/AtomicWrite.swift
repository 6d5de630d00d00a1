import Foundation

/// Writes a file so that readers see either the old or the new content, never a mix.
///
/// Used for caches; the session store has its own, stricter writer.
enum AtomicWrite {
    static func write(_ data: Data, to url: URL, mode: Int = 0o600) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        do {
            try data.write(to: tmp)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: tmp.path)
            guard rename(tmp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}
