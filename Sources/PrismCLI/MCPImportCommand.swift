import ArgumentParser
import Foundation
import PrismCore

/// `prism mcp import FILE`: adds the servers of another client's `mcpServers` JSON to config.toml.
struct MCPImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add the servers of a Claude Desktop / Cursor style mcpServers JSON file to config.toml.",
        discussion: "Servers whose name config.toml already has are skipped, never replaced. --dry-run prints the TOML instead."
    )

    @Argument(help: "A JSON file with {\"mcpServers\": {...}}, e.g. claude_desktop_config.json.")
    var file: String

    @Flag(help: "Print the TOML that would be appended; change nothing.")
    var dryRun = false

    func run() async throws {
        let setup = try MCPSetup()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIFailure.usage("cannot read \(file): no such file, or not readable")
        }
        let plan: MCPImport.Plan
        do {
            plan = try MCPImport.plan(json: data, existing: Set(setup.servers.map(\.name)))
        } catch {
            throw CLIFailure.usage("\(file): \(error)")
        }
        for note in plan.notes { StandardIO.error("prism: \(note)") }
        guard !plan.added.isEmpty else {
            StandardIO.error("prism: nothing to import")
            return
        }
        let configFile = setup.paths.configFile
        let existing = (try? String(contentsOf: configFile, encoding: .utf8)) ?? ""
        let separator = existing.isEmpty ? "" : (existing.hasSuffix("\n") ? "\n" : "\n\n")
        let heading = "# Imported from \(URL(fileURLWithPath: file).lastPathComponent) by prism mcp import\n"
        let addition = heading + plan.toml
        if dryRun {
            // Tokens are never printed: the file would get them as written, the screen gets the mask.
            StandardIO.out(heading + plan.preview)
            if plan.preview != plan.toml { StandardIO.error("prism: secret values are shown as \(MCPSecrets.mask); config.toml would get them as written") }
            return
        }
        let combined = existing + separator + addition
        do {
            _ = try PrismConfig.parse(combined)
        } catch {
            throw CLIFailure.usage("the imported servers would not read back (\(error)); nothing was written")
        }
        do {
            try FileManager.default.createDirectory(at: configFile.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PrivateFile.write(Data(combined.utf8), to: configFile)
        } catch {
            throw CLIFailure.usage("\(error)")
        }
        StandardIO.out("Added \(plan.added.joined(separator: ", ")) to \(configFile.path)\n")
    }
}
