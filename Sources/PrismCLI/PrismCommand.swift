import ArgumentParser
import Foundation
import PrismCore

/// `prism`: the root command. With no subcommand it will open the TUI; until then it prints help.
public struct PrismCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "prism",
        abstract: "A terminal client for OpenRouter and any OpenAI-compatible server.",
        discussion: """
        Start offline with simulated models:   prism ask --demo "hello"
        With a key:  export OPENROUTER_API_KEY=sk-or-...;  prism ask -m openai/gpt-5-mini "hello"
        Config: $XDG_CONFIG_HOME/prism/config.toml (see docs/config.md).
        """,
        version: PrismVersion.current,
        subcommands: [ChatCommand.self, AskCommand.self, CompareCommand.self, ModelsCommand.self, RouteCommand.self, SessionsCommand.self, KeyCommand.self, SpendCommand.self, LeaderboardCommand.self,
                      StatsCommand.self, MCPCommand.self],
        defaultSubcommand: ChatCommand.self
    )

    public init() {}

    /// Parses and runs, mapping errors to Prism's exit statuses: 2 for usage and
    /// configuration errors, 1 for failed requests, with one line on stderr.
    public static func runMain() async {
        // Before anything can log: swift-log's default handler writes raw records to stderr.
        // Commands that read config bootstrap again with the key, which adds it as a secret.
        PrismLogging.bootstrap(paths: PrismPaths(environment: ProcessInfo.processInfo.environment))
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as CLIFailure {
            StandardIO.error("prism: \(TerminalSanitizer.metadata(failure.message))")
            Foundation.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                StandardIO.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// An error that ends the program with a status and a one-line message.
struct CLIFailure: Error {
    var status: Int32
    var message: String

    /// Usage or configuration error (exit 2).
    static func usage(_ message: String) -> CLIFailure { CLIFailure(status: 2, message: message) }
    /// The request or stream failed (exit 1).
    static func request(_ message: String) -> CLIFailure { CLIFailure(status: 1, message: message) }
}
