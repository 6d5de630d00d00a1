import ArgumentParser
import Foundation
import PrismCore

/// `prism models`: the catalog (`list`, the default), and what OpenRouter knows of one model.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models of the catalog, with prices and context sizes.",
        discussion: "`prism models` alone is `prism models list`.",
        subcommands: [ModelsListCommand.self, ModelsEndpointsCommand.self, ModelsHealthCommand.self],
        defaultSubcommand: ModelsListCommand.self
    )
}

/// `prism models list`: the catalog as a table or JSON.
struct ModelsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models of the catalog, with prices and context sizes.",
        discussion: "The catalog is cached on disk and refreshed when older than 6 hours; it works offline from the cache."
    )

    enum Sort: String, ExpressibleByArgument, CaseIterable {
        case price, context, newest, name
    }

    @Option(help: "Only models whose id or name contains all of these words.")
    var search: String?

    @Flag(help: "Only free models.")
    var free = false

    @Option(help: "Sort by: price (input + output per million tokens, cheapest first), context, newest or name (the model id, A to Z).")
    var sort: Sort = .name

    @Flag(help: "Fetch the catalog now, ignoring the cache.")
    var refresh = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func run() async throws {
        let context = try CLIContext(connection: connection)
        let snapshot: CatalogSnapshot
        do {
            snapshot = try await context.catalogCache.catalog(client: context.client, refresh: refresh)
        } catch {
            throw CLIFailure.request("could not fetch the model list: \(error)")
        }
        if snapshot.age() > context.catalogCache.maxAge, !json {
            StandardIO.error("prism: offline: showing the catalog cached \(Formatting.age(seconds: snapshot.age()))")
        }
        let models = ModelQuery(search: search, freeOnly: free, sort: sort.rawValue).apply(to: snapshot.models)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            StandardIO.out(String(decoding: try encoder.encode(models), as: UTF8.self) + "\n")
            return
        }
        if context.demo { StandardIO.error("prism: demo mode: these models are simulated") }
        if sort == .price { StandardIO.error("prism: sorted by price: input + output per million tokens, cheapest first, unknown prices last") }
        StandardIO.out(ModelTable.render(models, priceSum: sort == .price))
        if models.isEmpty { StandardIO.error("prism: no model matches") }
    }
}

/// Filtering and sorting for `prism models`; the orders themselves are `ModelOrder`'s.
struct ModelQuery: Sendable {
    var search: String?
    var freeOnly: Bool
    var sort: String

    func apply(to models: [ModelInfo]) -> [ModelInfo] {
        let words = (search ?? "").lowercased().split(separator: " ").map(String.init)
        let filtered = models.filter { model in
            let haystack = (model.id + " " + model.name).lowercased()
            return words.allSatisfy(haystack.contains) && (!freeOnly || model.pricing.isFree)
        }
        // By name, the table is listed by id: the column people scan.
        guard sort != "name", let order = ModelOrder(rawValue: sort) else { return filtered.sorted { $0.id < $1.id } }
        return filtered.sorted(by: order.areInIncreasingOrder)
    }
}

/// The plain-text catalog table; ids and modalities come from the server, so they are
/// cleaned as metadata (no controls or bidi controls) and cut to a width.
enum ModelTable {
    /// With `priceSum`, a "$/M IN+OUT" column shows the figure `--sort price` orders by.
    static func render(_ models: [ModelInfo], priceSum: Bool = false) -> String {
        var header = ["MODEL", "CONTEXT", "$/M IN", "$/M OUT"]
        if priceSum { header.append("$/M IN+OUT") }
        header.append("MODALITIES")
        let rows = models.map { m in
            var row = [
                DisplayText.fit(m.id, width: 80),
                m.contextLength.map(Formatting.tokens) ?? "?",
                Formatting.perMillion(m.pricing.prompt),
                Formatting.perMillion(m.pricing.completion),
            ]
            if priceSum { row.append(Formatting.perMillion(m.pricing.prompt.map { $0 + (m.pricing.completion ?? 0) })) }
            row.append(DisplayText.fit(m.inputModalities.joined(separator: "+") + "->" + m.outputModalities.joined(separator: "+"), width: 40))
            return row
        }
        return TextTable.render(header: header, rows: rows, rightAligned: priceSum ? [1, 2, 3, 4] : [1, 2, 3])
    }
}
