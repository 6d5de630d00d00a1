import Foundation

/// Compares rendered output with a golden file, and re-records it on request.
///
/// A golden test is `render(state, size) -> Frame` compared with a text file, so a
/// change to what the screen shows is a reviewable diff. Set `PRISM_RECORD_GOLDENS=1`
/// to write the files instead of comparing. Callers normalise unstable parts (times,
/// ids, paths) before checking. No test framework is imported: `check` returns a
/// message to fail with, or nil.
public struct GoldenFile: Sendable {
    /// The environment variable that switches to recording.
    public static let recordVariable = "PRISM_RECORD_GOLDENS"

    /// Whether the environment asks for re-recording.
    public static var recordingRequested: Bool {
        ProcessInfo.processInfo.environment[recordVariable] == "1"
    }

    /// The folder the golden files live in.
    public var directory: String
    /// Write the files instead of comparing.
    public var record: Bool

    public init(directory: String, record: Bool = GoldenFile.recordingRequested) {
        self.directory = directory
        self.record = record
    }

    /// Goldens in a folder next to the test source file: pass `#filePath`.
    public init(nextTo filePath: String, folder: String = "Goldens", record: Bool = GoldenFile.recordingRequested) {
        let testDirectory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        self.init(directory: testDirectory.appendingPathComponent(folder).path, record: record)
    }

    /// The file a golden of this name lives in: `<directory>/<name>.txt`, with anything
    /// but letters, digits, `-`, `_` and `.` in the name turned into `_`.
    public func path(for name: String) -> String {
        let safe = String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
        return URL(fileURLWithPath: directory).appendingPathComponent(safe + ".txt").path
    }

    /// Compares a frame's snapshot with the golden `name`; nil when it matches (or was recorded).
    public func check(_ frame: Frame, named name: String, styles: FrameSnapshot.Styles = .none) -> String? {
        check(FrameSnapshot.text(of: frame, styles: styles), named: name)
    }

    /// Compares text with the golden `name`; nil when it matches (or was recorded),
    /// otherwise a message naming the file and showing the first lines that differ.
    public func check(_ actual: String, named name: String) -> String? {
        let file = path(for: name)
        let actual = Self.normalised(actual)
        if record {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try (actual + "\n").write(toFile: file, atomically: true, encoding: .utf8)
                return nil
            } catch {
                return "could not record golden file \(file): \(error)"
            }
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            return "golden file \(file) is missing; run with \(Self.recordVariable)=1 to record it"
        }
        let expected = Self.normalised(String(decoding: data, as: UTF8.self))
        if expected == actual { return nil }
        return "golden file \(file) does not match (run with \(Self.recordVariable)=1 to re-record):\n"
            + Self.difference(expected: expected, actual: actual)
    }

    /// Line endings as `\n` and no final newline, so editors cannot make a golden fail.
    static func normalised(_ text: String) -> String {
        var t = text.replacingOccurrences(of: "\r\n", with: "\n")
        while t.hasSuffix("\n") { t.removeLast() }
        return t
    }

    /// The first few differing lines, numbered, expected above actual.
    static func difference(expected: String, actual: String, limit: Int = 5) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var shown = 0
        for i in 0..<max(e.count, a.count) where shown < limit {
            let el = i < e.count ? String(e[i]) : nil
            let al = i < a.count ? String(a[i]) : nil
            guard el != al else { continue }
            shown += 1
            out.append("line \(i + 1):")
            out.append("  expected: " + (el.map { "|\($0)|" } ?? "(no line)"))
            out.append("  actual:   " + (al.map { "|\($0)|" } ?? "(no line)"))
        }
        if e.count != a.count { out.append("expected \(e.count) lines, got \(a.count)") }
        return out.joined(separator: "\n")
    }
}
