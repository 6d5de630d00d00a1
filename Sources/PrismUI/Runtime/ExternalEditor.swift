import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Opens `$VISUAL` / `$EDITOR` on a temporary file, and stops the process for Ctrl-Z.
enum ExternalEditor {
    /// Edits text in the user's editor; nil when the editor failed or could not be found.
    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let editor = environment["VISUAL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["EDITOR"].flatMap { $0.isEmpty ? nil : $0 } ?? "vi"
        // A new file only this user can read, under a name nobody can plant a link at first.
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prism-prompt-\(getpid())-\(unique).md")
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor string may carry arguments ("code -w"), so let the shell split it.
        process.arguments = ["-c", "\(editor) \"$1\"", "prism-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return nil
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
