import Foundation
import PrismStub
import Testing

extension ProcessSuites {
    /// A large bracketed paste in tmux: it arrives whole and fast, and is sent as typed.
    @Suite("A large paste, end to end in tmux", .serialized)
    struct PasteEndToEndTests {
        static let key = "sk-or-v1-E2EKEY0123456789abcdef"

        @Test func aLargePasteArrivesWholeAndIsSentAsIs() throws {
            let fixture = try ChatScreenFixture(key: Self.key)
            defer { fixture.stop() }
            let (server, p, tmux) = (fixture.server, fixture.prism, fixture.tmux)
            let lines = (1...6000).map { String(format: "line %05d: the quick brown fox, 東京 ✓", $0) }
            let text = lines.joined(separator: "\n")
            let file = p.home.appendingPathComponent("paste.txt")
            try Data(text.utf8).write(to: file)

            try tmux.startPrism(p, arguments: "-m stub/echo")
            #expect(try tmux.wait(for: "the prompt") { $0.contains("stub/echo") }.ok)
            try tmux.tmux(["load-buffer", file.path])
            let started = Date()
            try tmux.tmux(["paste-buffer", "-p", "-t", tmux.name])
            #expect(try tmux.wait(for: "the pasted text", timeout: 20) { $0.contains("line 06000") }.ok)
            let seconds = Date().timeIntervalSince(started)
            try tmux.send("Enter")
            let deadline = Date().addingTimeInterval(10)
            while server.chatRequests.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            let sent = server.chatRequests.first?.bodyJSON as? [String: Any]
            let messages = sent?["messages"] as? [[String: Any]]
            let got = messages?.last?["content"] as? String ?? ""
            let same = got.utf8.count == text.utf8.count && got == text
            if !same {
                let prefix = zip(got.unicodeScalars, text.unicodeScalars).prefix { $0 == $1 }.count
                Issue.record("sent \(got.utf8.count) bytes, pasted \(text.utf8.count); first difference at scalar \(prefix): \(String(String.UnicodeScalarView(got.unicodeScalars.dropFirst(prefix).prefix(40)).debugDescription))")
            }
            print("a \(text.utf8.count / 1024) kB paste reached the screen in \(String(format: "%.2f", seconds)) s")
            try tmux.send("C-q")
        }
    }
}
