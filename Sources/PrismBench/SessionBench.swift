import Foundation
import PrismCore

/// Benchmark 2: saving and loading a large session, and listing many sessions.
///
/// Targets: save ≤ 50 ms and load ≤ 50 ms for a 2,000-message (~4 MB) session.
/// Everything goes through `FileSessionStore` in a fresh temporary folder, so save
/// includes encoding, the atomic write and its `fsync`s; load includes the read and
/// decoding. Encoding and decoding alone are shown too, to say where the time goes.
enum SessionBench {
    static let runs = 11
    static let targetSeconds = 0.050
    static let bigID = "20251113-021320-beef"

    static func run() throws {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("prism-bench-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try bigSession(root: root.appendingPathComponent("big", isDirectory: true))
        try listing(root: root.appendingPathComponent("many", isDirectory: true))
    }

    private static func bigSession(root: URL) throws {
        let session = SessionFixture.session(id: bigID, messages: 2_000)
        let store = FileSessionStore(folder: root.appendingPathComponent("sessions", isDirectory: true),
                                     indexFile: root.appendingPathComponent("cache/session-index.json"))
        try store.save(session)
        let fileURL = store.folder.appendingPathComponent(bigID + ".json")
        let fileSize = (try FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0
        if try store.load(id: bigID) != session {
            print("warning: the session did not survive a save and load unchanged; figures below may be meaningless")
        }
        let encoded = try SessionCodec.encode(session)

        let samples = try Measure.interleaved(runs: runs, [
            { try store.save(session) },
            { blackHole(try store.load(id: bigID)) },
            { blackHole(try SessionCodec.encode(session)) },
            { blackHole(try SessionCodec.decode(encoded)) },
        ])
        let (save, load, encode, decode) = (samples[0], samples[1], samples[2], samples[3])

        var table = Table("2a. Session save/load: \(Format.grouped(session.messages.count)) messages, "
                          + "\(Format.bytes(fileSize)) file (\(runs) runs, interleaved)",
                          headers: ["Operation", "Median", "p90", "Min", "Max", "Throughput", "Target ≤ 50 ms"])
        func row(_ name: String, _ s: Samples, target: Bool) {
            table.add([name, Format.ms(s.median), Format.ms(s.p90), Format.ms(s.min), Format.ms(s.max),
                       Format.mbps(bytes: fileSize, seconds: s.median),
                       target ? (s.median <= targetSeconds ? "met" : "NOT met") : "–"])
        }
        row("FileSessionStore.save", save, target: true)
        row("FileSessionStore.load", load, target: true)
        row("  of which SessionCodec.encode", encode, target: false)
        row("  of which SessionCodec.decode", decode, target: false)
        table.note("save = encode + write temp file + fsync + rename + fsync folder; load = read + decode (page cache warm).")
        let replies = session.messages.filter { $0.role == .assistant }
        let avgReply = replies.reduce(0) { $0 + $1.content.utf8.count } / max(1, replies.count)
        table.note("\(replies.count) assistant replies (avg \(Format.bytes(avgReply)) of markdown), "
                   + "\(session.messages.count - replies.count) user prompts; pretty-printed JSON, sorted keys.")
        table.note("temp folder: \(root.deletingLastPathComponent().path) (\(fileSystemNote(root)))")
        table.print()
    }

    private static func listing(root: URL) throws {
        let sessions = root.appendingPathComponent("sessions", isDirectory: true)
        let index = root.appendingPathComponent("cache/session-index.json")
        let count = 1_000
        let writer = FileSessionStore(folder: sessions, indexFile: nil)
        for i in 0..<count {
            let id = SessionID.make(now: SessionFixture.start + Double(i) * 60, random: UInt16(i))
            try writer.save(SessionFixture.session(id: id, messages: 12, seed: UInt64(i + 7)))
        }
        let folderBytes = try FileManager.default.contentsOfDirectory(atPath: sessions.path).reduce(0) { sum, name in
            let size = try FileManager.default.attributesOfItem(atPath: sessions.appendingPathComponent(name).path)[.size]
            return sum + ((size as? Int) ?? 0)
        }

        // Cold: no index file, a new store: every session file is read and decoded, then the index is written.
        let cold = try Measure.repeated(runs: 5, warmup: 1) {
            try? FileManager.default.removeItem(at: index)
            let store = FileSessionStore(folder: sessions, indexFile: index)
            blackHole(try store.list())
        }
        // Index on disk, new store: what each `prism sessions list` process does.
        let fromDisk = try Measure.repeated(runs: runs) {
            let store = FileSessionStore(folder: sessions, indexFile: index)
            blackHole(try store.list())
        }
        // Second list() of the same store: index already in memory.
        let store = FileSessionStore(folder: sessions, indexFile: index)
        let first = try store.list()
        let warm = try Measure.repeated(runs: runs, warmup: 0) { blackHole(try store.list()) }

        var table = Table("2b. Listing \(Format.grouped(count)) sessions (12 messages each, \(Format.bytes(folderBytes)) in total)",
                          headers: ["list()", "Median", "Min", "Max", "Per session"])
        func row(_ name: String, _ s: Samples) {
            table.add([name, Format.ms(s.median), Format.ms(s.min), Format.ms(s.max), Format.us(s.median / Double(count))])
        }
        row("first, cold (no index file: decodes every file)", cold)
        row("first, new store, index file on disk", fromDisk)
        row("second, same store (index in memory)", warm)
        if first.sessions.count != count || !first.problems.isEmpty {
            table.note("warning: listed \(first.sessions.count) sessions with \(first.problems.count) problems")
        }
        table.note("Every list() stats all \(Format.grouped(count)) files; the cold run also writes the index file (with fsync).")
        table.print()
    }

    /// The file system type of the mount holding `url` (from /proc/mounts), since fsync cost depends on it.
    private static func fileSystemNote(_ url: URL) -> String {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "file system unknown" }
        let path = url.resolvingSymlinksInPath().path
        var best: (point: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 2 else { continue }
            let point = String(fields[1])
            let inside = path == point || path.hasPrefix(point == "/" ? "/" : point + "/")
            if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(fields[2])) }
        }
        guard let best else { return "file system unknown" }
        return "\(best.type) mounted at \(best.point)"
    }
}
