import Foundation
@testable import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

#if canImport(Glibc)
import Glibc
#endif

/// The chat screen's own files (picker, history) and hostile metadata on screen.
@Suite("Chat screen state files and hostile metadata")
struct StateHygieneTests {
    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("prism-prefs-\(UUID().uuidString)/state/prism")
    }

    static func mode(_ url: URL) -> mode_t? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return info.st_mode & 0o777
    }

    @Test func preferencesArePrivateAndLeaveNoTempFiles() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        let store = PreferencesStore(folder: folder)
        store.savePicker(favourites: ["a/one"], recents: ["b/two"])
        store.appendHistory("first prompt")
        #expect(Self.mode(store.pickerFile) == 0o600)
        #expect(Self.mode(store.historyFile) == 0o600)
        #expect(Self.mode(folder) == 0o700)
        #expect(Self.mode(folder.deletingLastPathComponent()) == 0o700, "the state base folder Prism created too")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["history.json", "picker.json"])
        #expect(store.loadPicker().favourites == ["a/one"])
        #expect(store.loadHistory() == ["first prompt"])
        #expect(store.loadWarnings.isEmpty)
    }

    @Test func damagedPreferencesAreMovedAsideAndReportedForTheNotice() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("[\"kept prompt\" // mine\n]".utf8).write(to: folder.appendingPathComponent("history.json"))
        try Data("{\"favourites\": [\"a/one\"]".utf8).write(to: folder.appendingPathComponent("picker.json"))
        let store = PreferencesStore(folder: folder)
        #expect(store.loadPicker().favourites.isEmpty)
        #expect(store.loadHistory().isEmpty)
        let warnings = store.loadWarnings
        #expect(warnings.count == 2)
        #expect(warnings.first?.hasPrefix("picker.json could not be read (not valid JSON); moved to \(folder.path)/corrupt/picker.json.") == true)
        #expect(warnings.last?.hasPrefix("history.json could not be read (not valid JSON); moved to \(folder.path)/corrupt/history.json.") == true)
        // Starting afresh writes new files and leaves the damaged copies alone.
        store.appendHistory("new prompt")
        #expect(store.loadHistory() == ["new prompt"])
        let corrupt = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("corrupt").path)
        #expect(corrupt.count == 2)
        let history = try #require(corrupt.first { $0.hasPrefix("history.json.") })
        #expect(try String(contentsOf: folder.appendingPathComponent("corrupt/\(history)"), encoding: .utf8) == "[\"kept prompt\" // mine\n]")
        #expect(store.loadWarnings.count == 2, "each damaged file is reported once")
    }

    /// Scalars that must never reach a cell: controls, bidi controls and marks.
    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    static let hostileID = "evil/\u{202E}txt.exe\u{202C}\u{1B}]0;pwned\u{7}\u{200F}\nx"

    @Test(arguments: [AppState.Focus.prompt, .picker, .browser])
    func hostileMetadataNeverReachesACell(focus: AppState.Focus) {
        var state = UIFixtures.state(Size(width: 120, height: 40), focus: focus)
        state.catalog.append(ModelInfo(id: Self.hostileID, name: "Name \u{2066}reversed\u{2069}\u{1B}[2J", contextLength: 1000))
        state.picker.query = "evil"
        state.session.title = "Title \u{202E}desrever\u{1B}[31m"
        state.session.model = Self.hostileID
        var reply = Message(id: "a9", parentID: "a1", role: .assistant, content: "body \u{202E}x", createdAt: UIFixtures.epoch)
        reply.modelServed = Self.hostileID
        reply.provider = "Prov\u{202D}ider\u{1B}[5m"
        reply.status = .failed
        reply.failure = ReplyFailure(kind: .stream, message: "bad \u{202E}news\u{1B}]52;c;aGk=\u{7}", provider: "P\u{2067}")
        state.session.append(reply)
        state.browser.sessions = [SessionSummary(state.session)]
        state.notice = Notice("notice \u{202E}text", expires: UIFixtures.epoch.addingTimeInterval(3600))
        var rendered = state
        let frame = AppRenderer().render(&rendered, theme: UIFixtures.theme())
        var bad: [String] = []
        for y in 0..<frame.size.height {
            for x in 0..<frame.size.width where frame[x, y].grapheme.unicodeScalars.contains(where: Self.isForbidden) {
                bad.append("(\(x),\(y)) \(frame[x, y].grapheme.unicodeScalars.map { String($0.value, radix: 16) })")
            }
        }
        #expect(bad.isEmpty, "forbidden scalars on screen: \(bad.prefix(5))")
        if focus == .picker { #expect(frame.text().contains("evil/txt.exe"), "the hostile model is listed, cleaned") }
    }

    @Test func framePutDropsStandAloneBidiControlsAndMarks() {
        var frame = Frame(size: Size(width: 20, height: 1))
        frame.put("a\u{202E}b\u{2067}c\u{200F}d\u{061C}e", at: Point(x: 0, y: 0), style: Style())
        #expect(frame.text() == "abcde")
    }
}
