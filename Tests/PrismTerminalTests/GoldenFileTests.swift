import Foundation
import Testing
@testable import PrismTerminal

@Suite("GoldenFile")
struct GoldenFileTests {
    private func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-golden-\(UUID().uuidString)").path
        return dir
    }

    private func sampleFrame() -> Frame {
        var f = Frame(size: Size(width: 10, height: 2))
        f.put("hi ", at: Point(x: 0, y: 0), style: Style(attributes: .bold))
        f.put("世界", at: Point(x: 3, y: 0), style: Style(foreground: .ansi(1)))
        f.put("ok", at: Point(x: 0, y: 1), style: .plain)
        f.cursor = Point(x: 2, y: 1)
        return f
    }

    @Test func recordsThenMatches() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let frame = sampleFrame()
        #expect(GoldenFile(directory: dir, record: true).check(frame, named: "sample") == nil)
        let written = try String(contentsOfFile: dir + "/sample.txt", encoding: .utf8)
        #expect(written == "hi 世界\nok\n")
        #expect(GoldenFile(directory: dir, record: false).check(frame, named: "sample") == nil)
    }

    @Test func missingFileSaysHowToRecord() {
        let dir = temporaryDirectory()
        let message = GoldenFile(directory: dir, record: false).check("x", named: "nothing here")
        #expect(message?.contains("nothing_here.txt") == true)
        #expect(message?.contains("PRISM_RECORD_GOLDENS=1") == true)
    }

    @Test func mismatchShowsTheFirstDifferingLines() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let golden = GoldenFile(directory: dir, record: false)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "one\ntwo\nthree\n".write(toFile: golden.path(for: "lines"), atomically: true, encoding: .utf8)
        #expect(golden.check("one\ntwo\nthree", named: "lines") == nil)
        #expect(golden.check("one\r\ntwo\r\nthree\r\n", named: "lines") == nil)
        let message = try #require(golden.check("one\nTWO\nthree\nfour", named: "lines"))
        #expect(message.contains("lines.txt does not match"))
        #expect(message.contains("line 2:\n  expected: |two|\n  actual:   |TWO|"))
        #expect(message.contains("line 4:\n  expected: (no line)\n  actual:   |four|"))
        #expect(message.contains("expected 3 lines, got 4"))
        #expect(!message.contains("line 1:"))
    }

    @Test func snapshotWithAutomaticStyleLetters() {
        let snapshot = FrameSnapshot.text(of: sampleFrame(), styles: .automatic)
        #expect(snapshot == """
            hi 世界
            ok
            -- styles --
            aaabbbb
            
            -- legend --
            a: bold
            b: fg=ansi(1)
            -- cursor 2,1 --
            """)
    }

    @Test func snapshotWithTheCallersLetters() {
        let accent = Style(foreground: .ansi(1))
        let snapshot = FrameSnapshot.text(of: sampleFrame(), styles: .legend([accent: "A"]))
        #expect(snapshot.contains("-- styles --\n???AAAA\n"))
        #expect(snapshot.contains("A: fg=ansi(1)"))
        var hidden = Frame(size: Size(width: 2, height: 1))
        hidden.cursor = nil
        #expect(FrameSnapshot.text(of: hidden, styles: .automatic).hasSuffix("-- cursor hidden --"))
        #expect(FrameSnapshot.text(of: hidden) == "")
    }

    @Test func describesStyles() {
        #expect(FrameSnapshot.describe(.plain) == "plain")
        #expect(FrameSnapshot.describe(Style(foreground: .rgb(255, 0, 0), background: .indexed(4), attributes: [.bold, .underline]))
            == "fg=rgb(255,0,0) bg=indexed(4) bold underline")
    }

    @Test func recordsIntoAFolderNextToTheTestFile() {
        let golden = GoldenFile(nextTo: "/tmp/some/Tests/FooTests.swift", record: false)
        #expect(golden.directory == "/tmp/some/Tests/Goldens")
        #expect(golden.path(for: "a/b c") == "/tmp/some/Tests/Goldens/a_b_c.txt")
    }
}
