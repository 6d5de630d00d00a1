import ArgumentParser
import Foundation
import PrismCore

/// `prism` (or `prism chat`): the full-screen chat.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Open the chat screen (what `prism` does with no subcommand).",
        discussion: "Ctrl-P picks a model, Enter sends, Esc stops a reply, Ctrl-O browses sessions, F1 lists every key, Ctrl-Q quits."
    )

    @Option(name: .shortAndLong, help: "Model to chat with (default: the configured one; otherwise the picker opens).")
    var model: String?

    @Option(help: "Theme: dark, light, high-contrast, solarized-dark, gruvbox, nord, or one of yours.")
    var theme: String?

    @Option(help: "Resume a saved session by id or unique prefix.")
    var resume: String?

    @Flag(name: [.customShort("c"), .customLong("continue")], help: "Continue the most recent session.")
    var continueLast = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        if resume != nil, continueLast { throw ValidationError("--resume and --continue cannot be used together") }
    }

    func run() async throws {
        let context = try CLIContext(connection: connection, overrides: ConfigOverrides(model: model, theme: theme))
        try await TUILauncher(context: context, theme: theme, resume: resume, continueLast: continueLast).run()
    }
}
