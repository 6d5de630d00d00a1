import ArgumentParser
import Foundation

/// Options every command that talks to a server shares.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("base-url"), help: "OpenAI-compatible API base URL (default: OpenRouter; env OPENROUTER_BASE_URL). Only OpenRouter and loopback get OPENROUTER_API_KEY; give other servers a key with --server.")
    var baseURL: String?

    @Option(name: .customLong("server"), help: ArgumentHelp(
        "A [servers.NAME] profile from config.toml: its base URL, key and headers.", valueName: "name"))
    var server: String?

    @Flag(help: "Offline demo: simulated models, no key, no network.")
    var demo = false
}
