import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Text from tool servers is hostile: a description, a failure reason or a result carrying
/// a clear-screen sequence, an OSC 52 clipboard write or a bidi override reaches the frame
/// only as visible, inert text.
@Suite("Hostile tool text on the chat screen")
struct ToolHostileTextTests {
    static let hostile = "A \u{1B}[2J clear \u{1B}]52;c;cHduZWQ=\u{07} clip \u{202E}desrever\u{202C} \u{9B}31m end"

    /// No escape, bell, C1 control or bidi override anywhere on screen.
    static func isInert(_ screen: String) -> Bool {
        !screen.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" || (0x202A...0x202E).contains($0.value) }
    }

    @Test func toolsOverlayShowsAHostileServerInertly() {
        let evil = ToolServerInfo(name: "evil", endpoint: "stdio: evil \u{1B}[2J", status: .failed("crashed \u{1B}[2J\u{202E}now"), tools: [
            ToolSpec(server: "evil", name: "ru\u{1B}]52;c;eA==\u{07}n", description: Self.hostile),
        ])
        let h = ToolHarness(size: Size(width: 160, height: 30), servers: FakeToolHost.standard + [evil])
        h.command("/tools")
        let screen = h.screen()
        #expect(screen.contains("failed: crashed ␛[2Jnow"))
        #expect(screen.contains("A ␛[2J clear ␛]52;c;cHduZWQ= clip desrever 31m end"))
        #expect(Self.isInert(screen))
    }

    @Test func aHostileResultIsInertFoldedAndUnfolded() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", "{}")])
        let run = try #require(ToolHarness.runs(h.key(.char("y"))).first)
        h.send(.toolFinished(run.id, ToolOutput(text: Self.hostile + "\nsecond line \u{1B}[31m"), seconds: 0.1))
        let folded = h.screen()
        #expect(folded.contains("↳ A ␛[2J clear ␛]52;c;cHduZWQ= clip desrever 31m end …"))
        #expect(Self.isInert(folded))
        h.key(.alt("i"))
        let unfolded = h.screen()
        #expect(unfolded.contains("│ second line ␛[31m"))
        #expect(Self.isInert(unfolded))
    }

    @Test func aFailedServersNoticeIsOneInertLine() {
        let h = ToolHarness()
        h.send(.toolServersLoaded([ToolServerInfo(name: "time", endpoint: "stdio: fake-time", status: .failed("exited\n\u{1B}]0;pwned\u{07}\u{202E}x"))]))
        let screen = h.screen()
        #expect(screen.contains("tool server time failed: exited ␛]0;pwnedx"))
        #expect(Self.isInert(screen))
    }

    @Test func theApprovalBoxShowsHostileArgumentsInertly() throws {
        let h = ToolHarness()
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", #"{"text":"a\u001b[2Jb\u202ec\u001b]52;c;eA==\u0007"}"#)])
        let screen = h.screen()
        #expect(screen.contains("Run this tool?"))
        #expect(screen.contains(#""text": "a\u001b[2Jbc\u001b]52;c;eA==\u0007""#), "\(screen)")
        #expect(Self.isInert(screen))
    }
}
