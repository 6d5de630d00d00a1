import Foundation
import PrismCore
import Testing
@testable import PrismCLI

/// The chat screen knows its configured tool servers from its first frame, so a prompt
/// sent at once waits for them (and offers their tools) instead of going out without tools.
@Suite("Chat screen start: tool servers")
struct TUILauncherToolsTests {
    @Test func theConfiguredServersAreListedBeforeTheFirstKeyAndNoneStarts() async {
        let host = ScriptedToolHost()
        let tools = await TUILauncher.startingTools(host, settings: ToolLoopSettings(maxRounds: 3, maxResultCharacters: 500))
        #expect(tools.configured)
        #expect(tools.servers.map(\.name) == ["time"])
        #expect(tools.servers.map(\.status) == [.idle])
        #expect(tools.settings == ToolLoopSettings(maxRounds: 3, maxResultCharacters: 500))
        #expect(host.calls.isEmpty)
    }

    @Test func withoutToolServersNothingIsConfigured() async {
        let tools = await TUILauncher.startingTools(NoToolHost(), settings: ToolLoopSettings())
        #expect(!tools.configured)
    }
}
