import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// `/tools`, key by key: rows, turning tools and servers off for the session, restart,
/// forgetting approvals, closing; and what the next request then offers.
@Suite("Tools overlay keys")
struct ToolsOverlayKeysTests {
    @Test func spaceTurnsAToolOffAndTheNextRequestLeavesItOut() throws {
        let h = ToolHarness()
        #expect(h.command("/tools").isEmpty, "running servers need no start")
        #expect(h.state.focus == .tools)
        h.key(Key(.down))
        #expect(h.state.tools.overlay?.selection == 1)
        h.key(.char(" "))
        #expect(h.state.session.tools?.disabledTools == ["time/now"])
        #expect(h.screen().contains("[ ] now"))
        h.key(.char(" "))
        #expect(h.state.session.tools == nil, "on again: nothing left to save")
        h.key(.char(" "))
        h.key(Key(.escape))
        #expect(h.state.focus == .prompt && h.state.tools.overlay == nil)
        let (_, request) = try #require(h.ask("time?"))
        #expect(request.tools.map(\.wireName) == ["time__zone", "files__read"])
    }

    @Test func eTurnsAServerOffForTheSessionAndOnAgainStartsIt() throws {
        var servers = FakeToolHost.standard
        servers[1].status = .idle
        let h = ToolHarness(servers: servers)
        h.command("/tools")
        #expect(h.state.tools.servers[1].status == .starting, "opening starts the enabled servers not started")
        h.send(.toolServersLoaded([FakeToolHost.standard[1]]))
        h.key(.char("j"))
        h.key(.char("e"))
        #expect(h.state.session.tools?.enabledServers == ["files"])
        #expect(h.screen().contains("time (off)"))
        h.key(Key(.escape))
        let (_, request) = try #require(h.ask("read"))
        #expect(request.tools.map(\.server) == ["files"])
    }

    @Test func rRestartsTheSelectedServerAndAClearsApprovals() {
        var servers = FakeToolHost.standard
        servers[0].status = .failed("exited with status 1")
        let h = ToolHarness(servers: servers)
        h.state.session.tools = SessionTools(alwaysTools: ["files/read"], alwaysServers: ["time"])
        h.command("/tools")
        #expect(h.screen().contains("failed: exited with status 1"))
        #expect(h.screen().contains("always approved"))
        #expect(h.key(.char("r")) == [.restartToolServer("time")])
        #expect(h.state.tools.servers[0].status == .starting)
        h.key(.char("a"))
        #expect(h.state.session.tools == nil)
        #expect(h.state.notice?.text.contains("forgotten") == true)
        #expect(!h.screen().contains("always approved"))
    }

    @Test func withNoServersItSaysHowToAddOne() {
        let h = ReducerHarness()
        h.command("/tools")
        #expect(h.screen().contains("No tool servers are configured"))
    }

    @Test func keysAreDataAndTheHelpNamesThem() throws {
        var bindings = KeyBindings.defaults
        let warnings = bindings.apply(["tools.once": "o", "tools.deny": "x"], parse: { try? KeySpec.parse($0) })
        #expect(warnings.isEmpty)
        #expect(bindings.name(ToolsCommand.once) == "o")
        let h = ToolHarness()
        h.env.bindings = bindings
        let (id, _) = try #require(h.ask("time"))
        h.finishWithCalls(id, [("time__now", "{}")])
        #expect(ToolHarness.runs(h.key(.char("y"))).isEmpty, "y is no longer an answer")
        #expect(ToolHarness.runs(h.key(.char("o"))).count == 1)
        let notes = HelpText.lines(bindings, width: 400).compactMap { if case .note(let text) = $0 { text } else { nil } }
        #expect(notes.contains { $0.contains("o once") && $0.contains("x deny") && $0.contains("[keys.tools]") })
        #expect(bindings.apply(["tools.nope": "z"], parse: { try? KeySpec.parse($0) }).first?.contains("unknown command 'nope'") == true)
    }
}
