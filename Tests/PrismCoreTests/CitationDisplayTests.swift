import Foundation
import Testing
@testable import PrismCore

/// How a source becomes text: clean titles, only http(s) URLs, and OSC 8 links that a hostile
/// URL or title cannot break out of.
@Suite struct CitationDisplayTests {
    @Test func onlyHTTPURLsWithoutControlsAreSafe() {
        #expect(Citation(url: "https://a.example/p?q=1").safeURL == "https://a.example/p?q=1")
        #expect(Citation(url: "HTTP://a.example").safeURL == "HTTP://a.example")
        for bad in ["javascript:alert(1)", "file:///etc/passwd", "https://a.example/\u{1B}]8;;x\u{1B}\\", "https://a.example/\u{07}",
                    "https://a.example/a b", "https:///nohost", "", "https://a.example/\u{9C}", "data:text/html,hi"] {
            #expect(Citation(url: bad).safeURL == nil, "\(bad.debugDescription)")
        }
        // Non-ASCII is percent-encoded, so what goes into an escape sequence is printable ASCII.
        let international = Citation(url: "https://ja.wikipedia.org/wiki/東京").safeURL
        #expect(international == "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC")
        #expect(Citation(url: "https://a.example/\u{202E}evil").safeURL?.contains("%E2%80%AE") == true)
    }

    @Test func referenceLinesAreOneCleanLine() {
        let hostile = Citation(url: "https://www.example.org/a/", title: "Bad\u{1B}]8;;https://evil\u{07}\n\u{202E}title")
        #expect(hostile.referenceLine(number: 2) == "[2] Bad␛]8;;https://evil title — example.org/a")
        #expect(Citation(url: "https://b.example/").referenceLine(number: 1) == "[1] b.example")
        #expect(Citation(url: "javascript:x", title: "T").referenceLine(number: 3) == "[3] T")
    }

    @Test func hyperlinksWrapOnlySafeURLsAndCloseEveryLink() {
        let c = Citation(url: "https://a.example/p", title: "A")
        #expect(c.hyperlink("a.example/p") == "\u{1B}]8;;https://a.example/p\u{1B}\\a.example/p\u{1B}]8;;\u{1B}\\")
        #expect(Citation(url: "javascript:x").hyperlink("x") == "x")
        let list = [c, Citation(url: "https://evil.example/\u{1B}\\\u{1B}]52;c;AAAA\u{07}", title: "E"),
                    Citation(url: "https://b.example/", title: "T\u{1B}]8;;https://x\u{1B}\\")].referenceList(links: true)
        #expect(list == "\nSources:\n[1] A — \u{1B}]8;;https://a.example/p\u{1B}\\a.example/p\u{1B}]8;;\u{1B}\\\n"
            + "[2] E\n[3] T␛]8;;https://x␛\\ — \u{1B}]8;;https://b.example/\u{1B}\\b.example\u{1B}]8;;\u{1B}\\\n")
        // Every OSC 8 opened is closed, and no other escape appears.
        #expect(list.components(separatedBy: "\u{1B}]8;;").count - 1 == 4)
        #expect(!list.contains("\u{07}") && !list.contains("]52;"))
    }

    @Test func plainListsGiveTheWholeURLAndNoEscapes() {
        let list = [Citation(url: "https://a.example/p", title: "A")].referenceList(links: false)
        #expect(list == "\nSources:\n[1] A — a.example/p\n    https://a.example/p\n")
        #expect([Citation]().referenceList(links: true).isEmpty)
    }

    @Test func markdownLinksEscapeTitlesAndParentheses() {
        let c = Citation(url: "https://en.wikipedia.org/wiki/Swift_(language)", title: "Swift [lang]\u{1B}")
        #expect(c.markdownLink == "[Swift \\[lang\\]␛](https://en.wikipedia.org/wiki/Swift_%28language%29)")
        #expect(Citation(url: "javascript:x", title: "T").markdownLink == "T")
    }

    @Test func exportsListSources() {
        var s = Session(id: "s", createdAt: Date(timeIntervalSince1970: 0), model: "a/b")
        s.append(Message(id: "u", parentID: nil, role: .user, content: "q", createdAt: Date(timeIntervalSince1970: 0)))
        var a = Message(id: "a", parentID: "u", role: .assistant, content: "answer [1]", createdAt: Date(timeIntervalSince1970: 0))
        a.status = .complete
        a.citations = [Citation(url: "https://a.example/", title: "A"), Citation(url: "https://b.example/x", title: "B")]
        s.append(a)
        let markdown = SessionExporter.markdown(s)
        #expect(markdown.contains("**Sources**\n\n1. [A](https://a.example/)\n2. [B](https://b.example/x)\n"), "\(markdown)")
    }
}
