import ArgumentParser
import Foundation
import PrismCore

/// `prism models endpoints MODEL`: the providers serving one model, with their prices,
/// quantization, limits, uptime, speed and status, and what the routing saved for the model
/// in the chat screen's provider table does to each.
struct ModelsEndpointsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints",
        abstract: "List the providers serving a model, with prices, uptime, latency and throughput.",
        discussion: """
            Figures are OpenRouter's for the last 30 minutes; "-" is unknown. The ROUTING column shows \
            the routing saved for the model in the chat screen's provider table (pin N, excluded, only). \
            Answers are cached for 10 minutes; offline, an older copy is shown with its age.
            """
    )

    @Argument(help: "The model id, as author/slug (a variant such as :free is allowed).")
    var model: String

    @Option(help: "Sort by: price (input + output, cheapest first), throughput (fastest first), latency (quickest first) or uptime (most reliable first).")
    var sort: EndpointSort = .price

    @Flag(help: "Fetch now, ignoring the cache.")
    var refresh = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        // One line and status 2, before any request: the API would only say 404.
        guard OpenRouterClient.endpointsPath(model: model) != nil else {
            throw CLIFailure.usage("'\(model)' is not a model id (author/slug, e.g. meta-llama/llama-3.3-70b-instruct)")
        }
        let context = try CLIContext(connection: connection)
        try context.requireKey()
        let cache = context.endpointCache
        let endpoints: ModelEndpoints
        do {
            endpoints = try await cache.endpoints(model: model, client: context.client, refresh: refresh)
        } catch let error as APIRequestError where error.failure.status == 404 {
            throw CLIFailure.usage("no such model: \(TerminalSanitizer.metadata(model)) (\(error))")
        } catch {
            throw CLIFailure.request("could not fetch the providers of \(TerminalSanitizer.metadata(model)): \(error)")
        }
        let age = Date().timeIntervalSince(endpoints.fetchedAt)
        if cache.isStale(endpoints) {
            StandardIO.error("prism: offline: showing the providers cached \(Formatting.age(seconds: age))")
        }
        let sorted = sort.sorted(endpoints.endpoints)
        if json {
            StandardIO.out(try EndpointsJSON.render(sorted, model: model, fetchedAt: endpoints.fetchedAt))
            return
        }
        if context.demo { StandardIO.error("prism: demo mode: these providers are simulated") }
        let (saved, warning) = SavedRouting(paths: context.paths).loadAll()
        if let warning { StandardIO.error("prism: warning: \(warning)") }
        let routing = saved[model] ?? ProviderPreferences()
        StandardIO.out(EndpointTable.render(sorted, routing: routing))
        if sorted.isEmpty { StandardIO.error("prism: OpenRouter lists no provider for \(TerminalSanitizer.metadata(model))") }
        if endpoints.skipped > 0 { StandardIO.error("prism: \(Formatting.count(endpoints.skipped, "entry", plural: "entries")) without a provider name left out") }
        StandardIO.error("prism: sorted \(sort.caption); routing saved for this model: \(routing.summary)")
    }
}

extension EndpointSort: ExpressibleByArgument {}

/// The plain-text provider table.
enum EndpointTable {
    static func render(_ endpoints: [ProviderEndpoint], routing: ProviderPreferences) -> String {
        let header = ["PROVIDER", "QUANT", "CONTEXT", "MAX OUT", "$/M IN", "$/M OUT", "UP 30M", "P50 LAT", "P50 TOK/S", "STATUS", "ROUTING"]
        let rows = endpoints.map { e in
            [DisplayText.fit(e.displayName, width: 48), e.quantizationText, e.contextText, e.maxOutText,
             e.promptPriceText, e.completionPriceText, e.uptimeText, e.latencyText, e.throughputText, e.statusText,
             routing.role(of: e)?.words ?? ""]
        }
        return TextTable.render(header: header, rows: rows, rightAligned: [2, 3, 4, 5, 6, 7, 8])
    }
}

/// `--json`: the endpoints with the API's snake_case names, and when they were fetched.
enum EndpointsJSON {
    static func render(_ endpoints: [ProviderEndpoint], model: String, fetchedAt: Date) throws -> String {
        struct Output: Encodable {
            var endpoints: [ProviderEndpoint]
            var fetchedAt: Date
            var modelID: String
            enum CodingKeys: String, CodingKey { case endpoints, fetchedAt = "fetched_at", modelID = "model_id" }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(Output(endpoints: endpoints, fetchedAt: fetchedAt, modelID: model)), as: UTF8.self) + "\n"
    }
}
