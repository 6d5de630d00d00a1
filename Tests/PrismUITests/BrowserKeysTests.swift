import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The session browser (Ctrl-O) driven by keys: what each key asks the effects to do.
@Suite("Session browser keys: filter, resume, delete with confirmation")
struct BrowserKeysTests {
    static let oslo = Session(id: "20261120-100000-aaaa", title: "Oslo trip", createdAt: Date(timeIntervalSince1970: 0))
    static let parser = Session(id: "20261121-100000-bbbb", title: "Parser refactor", createdAt: Date(timeIntervalSince1970: 0))

    /// A harness with the browser open on two saved sessions.
    static func browsing() -> ReducerHarness {
        let h = ReducerHarness(size: Size(width: 120, height: 30))
        let opened = h.key(.ctrl("o"))
        #expect(opened.contains(.listSessions), "opening the browser lists the sessions: \(opened)")
        #expect(h.state.focus == .browser)
        h.send(.sessionsListed(SessionListing(sessions: [SessionSummary(oslo), SessionSummary(parser)])))
        return h
    }

    @Test func typingFiltersAndEnterResumesTheSelectedSession() {
        let h = Self.browsing()
        h.type("parser")
        #expect(h.state.browser.visible.map(\.id) == [Self.parser.id])
        #expect(h.key(Key(.enter)) == [.loadSession(id: Self.parser.id)])
        #expect(h.state.focus == .prompt)
        var loaded = Self.parser
        loaded.append(Message(id: "u1", parentID: nil, role: .user, content: "split the lexer", createdAt: Date(timeIntervalSince1970: 0)))
        h.send(.sessionLoaded(loaded))
        #expect(h.state.session.id == Self.parser.id)
        #expect(h.screen().contains("split the lexer"))
    }

    @Test func enterOnAnEmptyFilterResultDoesNothing() {
        let h = Self.browsing()
        h.type("no such words")
        #expect(h.state.browser.visible.isEmpty)
        #expect(h.key(Key(.enter)) == [])
        #expect(h.state.focus == .browser)
    }

    @Test func ctrlDAsksFirstAndOnlyYDeletes() {
        let h = Self.browsing()
        h.key(Key(.down))
        #expect(h.key(.ctrl("d")) == [])
        #expect(h.state.browser.confirmingDelete == Self.parser.id)
        #expect(h.screen().contains("Parser refactor"))

        #expect(h.key(.char("n")) == [], "any other key keeps it")
        #expect(h.state.browser.confirmingDelete == nil)
        #expect(h.state.notice?.text == "kept the session")
        #expect(h.state.browser.sessions.count == 2)

        h.key(.ctrl("d"))
        #expect(h.key(.char("y")) == [.deleteSession(id: Self.parser.id)])
        h.send(.sessionDeleted(Self.parser.id))
        #expect(h.state.browser.sessions.map(\.id) == [Self.oslo.id])
    }

    @Test func ctrlSExportsTheSelectedSessionAndEscCloses() {
        let h = Self.browsing()
        h.key(Key(.down))
        #expect(h.key(.ctrl("s")) == [.exportSession(id: Self.parser.id)])
        h.key(Key(.up))
        #expect(h.key(.ctrl("s")) == [.exportSession(id: Self.oslo.id)])
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt)
    }
}
