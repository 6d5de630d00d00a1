import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Whole frames of the tool loop at 80×24 and 120×40: the approval prompt, a reply with
/// tool calls (results folded and unfolded), the `/tools` overlay, and compare panes with
/// one pane's call waiting and the other's answered.
@Suite("Tool frames")
struct ToolFrameTests {
    static let golden = GoldenFile(nextTo: #filePath)
    static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

    private func check(_ h: ReducerHarness, _ name: String) {
        var s = h.state
        let frame = AppRenderer().render(&s, theme: UIFixtures.theme())
        if let problem = Self.golden.check(frame, named: name) { Issue.record(Comment(rawValue: problem)) }
    }

    /// A turn waiting for approval of its second call, the first one done.
    private func waiting(_ size: Size) throws -> ToolHarness {
        let h = ToolHarness(size: size)
        let (id, _) = try #require(h.ask("What time is it in Oslo, and what is in notes.txt?"))
        h.finishWithCalls(id, [("time__now", #"{"timezone":"Europe/Oslo"}"#),
                               ("files__read", #"{"path":"notes.txt","max_lines":20,"encoding":"utf-8"}"#)],
                          text: "Let me check both.")
        h.key(.char("y"))
        h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "2026-12-03T10:00:00+01:00\n(Europe/Oslo)"), seconds: 0.3))
        return h
    }

    /// The finished turn: both calls answered and a final reply.
    private func finished(_ size: Size) throws -> ToolHarness {
        let h = try waiting(size)
        let effects = h.key(.char("y"))
        let run = try #require(ToolHarness.runs(effects).first)
        let next = h.send(.toolFinished(run.id, ToolOutput(text: "buy milk\ncall Ada\nfix the tool loop"), seconds: 1.25))
        let (id2, _) = try #require(ToolHarness.started(next))
        h.finish(id2, "It is **10:00** in Oslo. Your notes say: buy milk, call Ada, fix the tool loop.", cost: "0.0021")
        return h
    }

    @Test(arguments: sizes) func approvalPrompt(size: Size) throws {
        check(try waiting(size), "tools-approval-\(size)")
    }

    @Test(arguments: sizes) func transcriptCollapsed(size: Size) throws {
        check(try finished(size), "tools-transcript-\(size)")
    }

    @Test(arguments: sizes) func transcriptExpanded(size: Size) throws {
        let h = try finished(size)
        h.key(.alt("i"))
        check(h, "tools-transcript-expanded-\(size)")
    }

    @Test(arguments: sizes) func toolsOverlay(size: Size) {
        var servers = FakeToolHost.standard
        servers.append(ToolServerInfo(name: "git", endpoint: "stdio: uvx mcp-server-git", status: .failed("exited with status 1")))
        let h = ToolHarness(size: size, servers: servers)
        h.state.session.tools = SessionTools(disabledTools: ["time/zone"], alwaysTools: ["files/read"])
        h.command("/tools")
        h.key(Key(.down))
        check(h, "tools-overlay-\(size)")
    }

    @Test(arguments: sizes) func compareApproval(size: Size) throws {
        let h = ToolHarness(size: size)
        h.command("/compare a/one b/two")
        let started = h.command("What time is it?").compactMap { if case .startStream(let id, _, _) = $0 { id } else { nil } }
        try #require(started.count == 2)
        h.finish(started[0], "I cannot tell without a clock.", cost: "0.0004")
        h.finishWithCalls(started[1], [("time__now", #"{"timezone":"Europe/Oslo"}"#)], text: "Checking the clock.")
        check(h, "tools-compare-approval-\(size)")
    }
}
