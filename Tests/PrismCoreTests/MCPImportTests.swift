import Foundation
import Testing
@testable import PrismCore

@Suite("MCP import")
struct MCPImportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../PrismToolsTests/Fixtures/claude_desktop_config.json")

    @Test func claudeDesktopServersBecomeTablesThatReadBack() throws {
        let plan = try MCPImport.plan(json: try Data(contentsOf: Self.fixture), existing: ["time"])
        #expect(plan.added == ["Linear-Remote", "filesystem", "off"])
        #expect(plan.notes == [
            "imported Linear Remote as Linear-Remote",
            "skipped badenv: \"env\" has a name Prism cannot pass on: not a name",
            "skipped legacy: uses the older SSE transport, which Prism does not speak",
            "skipped nothing: has neither a \"command\" nor a \"url\"",
            "skipped time: config.toml already has a server of that name",
        ])
        let (config, warnings) = try PrismConfig.parse(plan.toml)
        #expect(warnings.isEmpty)
        let servers = try #require(config.mcp)
        #expect(servers["filesystem"]?.transport == .stdio(
            command: "npx", args: ["-y", "@modelcontextprotocol/server-filesystem", "/Users/ada/Desktop"],
            env: ["DEBUG": "1", "QUOTED": "quote \" and backslash \\"], cwd: nil))
        #expect(servers["Linear-Remote"]?.transport == .http(
            url: URL(string: "https://mcp.example.com/mcp")!, headers: ["Authorization": "Bearer ${LINEAR_TOKEN}"]))
        #expect(servers["off"]?.enabled == false)
    }

    @Test func nonsenseIsAOneLineError() {
        #expect(throws: ConfigError.invalidValue("no \"mcpServers\" object in the file")) {
            try MCPImport.plan(json: Data("{\"servers2\": {}}".utf8), existing: [])
        }
        #expect(throws: ConfigError.invalidValue("not a JSON object: expected {\"mcpServers\": {...}}")) {
            try MCPImport.plan(json: Data("[]".utf8), existing: [])
        }
    }

    @Test func quotingEscapesWhatTOMLNeeds() {
        #expect(MCPImport.quote("a\"b\\c\n\u{1}") == "\"a\\\"b\\\\c\\n\\u0001\"")
    }
}
