import Foundation
import Logging
import PrismCore
import PrismTools

/// What a command needs, set up once: paths, resolved config, logging, client, stores.
///
/// This is the only place live dependencies are chosen (libcurl, URLSession or the
/// demo transport, the file session store); commands receive them from here.
struct CLIContext {
    let environment: [String: String]
    let paths: PrismPaths
    let config: ResolvedConfig
    let demo: Bool
    let client: OpenRouterClient
    let catalogCache: CatalogCache
    let logger: Logger
    /// The MCP servers of `[mcp.servers.*]` (`NoToolHost` when none): `prism ask --tool` and the
    /// chat screen use them. Nothing starts until a tool is first needed.
    var toolHost: any ToolHost = NoToolHost()

    init(connection: ConnectionOptions, overrides: ConfigOverrides = ConfigOverrides(),
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        paths = PrismPaths(environment: environment)
        var flags = overrides
        flags.baseURL = connection.baseURL ?? flags.baseURL
        flags.server = connection.server ?? flags.server
        flags.demo = connection.demo || flags.demo
        do {
            config = try ConfigLoader.resolve(flags: flags, environment: environment, paths: paths)
        } catch {
            throw CLIFailure.usage("\(error)")
        }
        for warning in config.warnings { StandardIO.error("prism: warning: \(warning)") }
        demo = connection.demo
        if !demo, let notice = config.keyNotice { StandardIO.error("prism: note: \(notice)") }
        PrismLogging.bootstrap(paths: paths, secrets: config.secrets.map(\.value), environment: environment)
        logger = Logger(label: "prism.cli")
        logger.debug("model \(config.model.id) from \(config.model.origin)")

        var configuration = ClientConfiguration(
            baseURL: config.baseURL, apiKey: demo ? nil : config.apiKey?.value,
            referer: config.attribution.referer, title: config.attribution.title,
            idleTimeout: config.idleTimeout, connectTimeout: config.connectTimeout,
            firstByteTimeout: config.firstByteTimeout, retry: RetryPolicy(maxRetries: config.maxRetries))
        configuration.extraHeaders = demo ? [:] : config.serverHeaders
        client = OpenRouterClient(configuration: configuration,
                                  transport: demo ? DemoTransport() : CLIContext.liveTransport(environment),
                                  logger: Logger(label: "prism.client"))
        let cacheName = demo ? "models-demo.json" : "models-\(CLIContext.slug(config.baseURL)).json"
        catalogCache = CatalogCache(file: paths.cache.appendingPathComponent(cacheName))
        toolHost = PrismTools.makeHost(config: config.mcp, environment: environment, logger: Logger(label: "prism.mcp"))
    }

    /// Fails with exit status 2 and directions when OpenRouter is used without a key, or a
    /// server profile's key variable is not set.
    func requireKey() throws {
        guard !demo, config.apiKey == nil else { return }
        if let server = config.server, let variable = config.serverKeyVariable {
            throw CLIFailure.usage("no key for server '\(server)': its api_key_env, \(variable), is not set in the environment")
        }
        if let server = config.server, config.isOpenRouter {
            throw CLIFailure.usage("no key for server '\(server)': add api_key_env = \"OPENROUTER_API_KEY\" to [servers.\(server)] in \(paths.configFile.path)")
        }
        guard config.isOpenRouter else { return }
        throw CLIFailure.usage("""
            no API key. Set one with: export OPENROUTER_API_KEY=sk-or-... \
            (or api_key in \(paths.configFile.path), mode 0600), or try it offline with --demo
            """)
    }

    /// Each model's providers, cached per server like the catalog, so a local proxy's or the
    /// demo's answers are never shown as OpenRouter's.
    var endpointCache: EndpointCache {
        EndpointCache(folder: paths.endpointCache.appendingPathComponent(demo ? "demo" : CLIContext.slug(config.baseURL), isDirectory: true))
    }

    /// The catalog from the disk cache only (no network): prices and limits for `ask`.
    func cachedCatalog() -> [ModelInfo] {
        catalogCache.load(baseURL: config.baseURL)?.models ?? []
    }

    /// libcurl, or URLSession when `PRISM_HTTP=urlsession`.
    ///
    /// URLSession stays selectable in case libcurl misbehaves somewhere, at the price of
    /// most of a core while a reply streams (docs/benchmarks.md, TUI section).
    static func liveTransport(_ environment: [String: String]) -> any HTTPTransport {
        environment["PRISM_HTTP"]?.lowercased() == "urlsession" ? URLSessionTransport() : CurlTransport()
    }

    /// A file-name-safe form of a base URL, so each server has its own catalog cache.
    /// Built from host, port and path only: never a user name or password.
    static func slug(_ url: URL) -> String {
        let text = (url.host ?? "local") + (url.port.map { "-\($0)" } ?? "") + url.path
        return String(text.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" })
    }
}
