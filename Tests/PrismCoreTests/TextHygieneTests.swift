import Foundation
import Testing
@testable import PrismCore

#if canImport(Glibc)
import Glibc
#endif

/// The four text policies (screen, terminal, metadata, export) and private exports.
@Suite("Text hygiene and private exports", .timeLimit(.minutes(1)))
struct TextHygieneTests {
    static let bidi = ["\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}"]
    static let marks = ["\u{200E}", "\u{200F}", "\u{061C}"]

    @Test func metadataIsOneLineWithoutControlsOrBidi() {
        let hostile = "evil/\u{202E}lmth.exe\u{202C}\u{200F}\nnext\tline\u{1B}[31m\u{7}\u{9B}2J\u{2028}end\r"
        let clean = TerminalSanitizer.metadata(hostile)
        #expect(clean == "evil/lmth.exe next line\u{241B}[31m2J end ")
        for scalar in (Self.bidi + Self.marks).flatMap(\.unicodeScalars) {
            #expect(!TerminalSanitizer.metadata("a\(scalar)b").unicodeScalars.contains(scalar))
        }
        let ordinary = "anthropic/claude-sonnet-4.5 · 東京 👩‍💻 é"
        #expect(TerminalSanitizer.metadata(ordinary) == ordinary)
    }

    @Test func terminalTextDropsReorderingControlsButKeepsMarksAndLines() {
        let text = "שלום \u{200F}world\u{202E} reversed\u{202C}\n\u{2067}isolate\u{2069}\tend\u{1B}]52;c;x\u{7}"
        #expect(TerminalSanitizer.forTerminal(text) == "שלום \u{200F}world reversed\nisolate\tend\u{241B}]52;c;x")
        #expect(TerminalSanitizer.forTerminal("plain text\n") == "plain text\n")
        #expect(TerminalSanitizer.sanitize(text) == TerminalSanitizer.forTerminal(text), "the chat screen drops them too")
    }

    @Test func exportTextDropsControlsButNewlineAndTab() {
        let text = "line one\r\n\u{1B}[2Jline two\t\u{7}\u{9D}0;title\u{9C}\u{7F}é\u{202E}"
        #expect(TerminalSanitizer.forExport(text) == "line one\n[2Jline two\t0;titleé\u{202E}")
    }

    @Test func markdownExportCarriesNoControlsAndCleanMetadata() throws {
        var session = Session(id: "20261122-025100-7f3a", title: "Title\u{1B}]0;pwned\u{7}\nsecond", createdAt: Date(timeIntervalSince1970: 0),
                              model: "evil/\u{202E}gnp.exe")
        session.append(Message(id: "u", parentID: nil, role: .user, content: "hi", createdAt: Date(timeIntervalSince1970: 1)))
        var reply = Message(id: "a", parentID: "u", role: .assistant, content: "\u{1B}[31mred\u{1B}[0m and\ttab\nnext", createdAt: Date(timeIntervalSince1970: 2))
        reply.provider = "Prov\u{2066}ider\nX"
        reply.status = .complete
        session.append(reply)
        let markdown = SessionExporter.markdown(session)
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        #expect(markdown.hasPrefix("# Title␛]0;pwned second\n"))
        #expect(markdown.contains("_evil/gnp.exe · "))
        #expect(markdown.contains("## evil/gnp.exe (Provider X)"))
        #expect(markdown.contains("[31mred[0m and\ttab\nnext"))
        // JSON is the session file itself: escaped controls, exact text, loads back.
        let json = try SessionExporter.json(session)
        #expect(!json.contains(0x1B))
        #expect(try SessionCodec.decode(json).messages[1].content == reply.content)
    }

    static func mode(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func exportsAreWrittenPrivateAndWhole() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("chat.md")
        try PrivateFile.write(Data("one".utf8), to: target)
        #expect(Self.mode(target.path) == 0o600)
        // Replacing a file the user made readable by others still leaves it private.
        chmod(target.path, 0o644)
        try PrivateFile.write(Data("two".utf8), to: target)
        #expect(Self.mode(target.path) == 0o600)
        #expect(try String(contentsOf: target, encoding: .utf8) == "two")
        // A link is followed: the file it names is replaced, the link stays.
        let link = dir.appendingPathComponent("link.md")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        try PrivateFile.write(Data("three".utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8) == "three")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["chat.md", "link.md"])
    }

    @Test func aFailedExportLeavesNoTempFileAndSaysWhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("chat.md")
        for step in [AtomicFile.Step.write, .sync, .rename] {
            let writer = AtomicFile(faults: { if $0 == step { throw FileFailure("test", code: ENOSPC) } })
            #expect(throws: StateFile.Failure(description: "could not write \(target.path): No space left on device")) {
                try PrivateFile.write(Data("x".utf8), to: target, writer: writer)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no temp file after a failed \(step)")
        }
        #expect(throws: StateFile.Failure.self) {
            try PrivateFile.write(Data("x".utf8), to: dir.appendingPathComponent("missing/chat.md"))
        }
    }

    @Test func aFIFOIsWrittenThroughNotReplaced() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe")
        #expect(mkfifo(fifo.path, 0o600) == 0)
        nonisolated(unsafe) var received = Data()
        let reader = Thread { received = FileHandle(forReadingAtPath: fifo.path)?.readDataToEndOfFile() ?? Data() }
        reader.start()
        try PrivateFile.write(Data("through the pipe".utf8), to: fifo)
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        #expect(String(decoding: received, as: UTF8.self) == "through the pipe")
        var info = stat()
        #expect(lstat(fifo.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO, "still a FIFO")
    }
}
