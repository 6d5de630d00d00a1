import ArgumentParser
import Foundation
import PrismCore

/// The provider routing flags shared by `ask` and `compare`. They override, field by field,
/// each model's saved routing (`routing.json`), which overrides config's `[provider]`; the
/// layering itself is `ChatRequest.build`'s (`RoutingLayers`).
struct RoutingOptions: ParsableArguments {
    @Option(name: .customLong("provider"), help: ArgumentHelp("Try this provider first; repeat for an order (provider.order).", valueName: "name"))
    var providers: [String] = []

    @Option(name: .customLong("only"), help: ArgumentHelp("Use only this provider (repeatable).", valueName: "name"))
    var only: [String] = []

    @Option(name: .customLong("ignore"), help: ArgumentHelp("Never use this provider (repeatable).", valueName: "name"))
    var ignore: [String] = []

    @Option(help: ArgumentHelp("Pick providers by price, throughput or latency.", valueName: "by"))
    var sort: String?

    @Flag(name: .customLong("no-fallbacks"), help: "Use only the listed (or first) providers: no fallback to others.")
    var noFallbacks = false

    @Option(name: .customLong("quantization"), help: ArgumentHelp("Only endpoints with this quantization, e.g. fp8 (repeatable).", valueName: "q"))
    var quantizations: [String] = []

    @Flag(name: .customLong("deny-data-collection"), help: "Skip providers that store or train on prompts.")
    var denyDataCollection = false

    @Flag(help: "Only zero-data-retention endpoints.")
    var zdr = false

    @Option(name: .customLong("max-price"), parsing: .unconditional,
            help: ArgumentHelp("Price caps in USD per million tokens, prompt/completion, e.g. 1/4 or /4.", valueName: "in/out"))
    var maxPrice: String?

    func validate() throws {
        _ = try preferences()
    }

    /// The flags as provider preferences; nil when none was given. Throws a usage error naming the flag.
    func preferences() throws -> ProviderPreferences? {
        if let sort, !ProviderPreferences.sorts.contains(sort) {
            throw ValidationError("--sort must be one of: \(ProviderPreferences.sorts.joined(separator: ", "))")
        }
        for q in quantizations where !ProviderPreferences.knownQuantizations.contains(q) {
            throw ValidationError("--quantization \(q) is not one OpenRouter knows: \(ProviderPreferences.knownQuantizations.joined(separator: ", "))")
        }
        for (flag, names) in [("--provider", providers), ("--only", only), ("--ignore", ignore)]
        where names.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("\(flag) needs a provider name")
        }
        let preferences = ProviderPreferences(
            order: providers.isEmpty ? nil : providers, allowFallbacks: noFallbacks ? false : nil,
            dataCollection: denyDataCollection ? "deny" : nil, zdr: zdr ? true : nil,
            only: only.isEmpty ? nil : only, ignore: ignore.isEmpty ? nil : ignore, sort: sort,
            maxPrice: try maxPrice.map(Self.parseMaxPrice), quantizations: quantizations.isEmpty ? nil : quantizations)
        return preferences.isEmpty ? nil : preferences
    }

    /// `IN/OUT` in USD per million tokens; either side may be left empty, not both.
    static func parseMaxPrice(_ text: String) throws -> MaxPrice {
        let usage = ValidationError("--max-price must be IN/OUT in USD per million tokens, e.g. 1/4 or /4 (got \(text))")
        let sides = text.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard sides.count == 2, sides.contains(where: { !$0.isEmpty }) else { throw usage }
        let prices = try sides.map { side -> Decimal? in
            guard !side.isEmpty else { return nil }
            let digits = side.hasPrefix("$") ? String(side.dropFirst()) : side
            guard digits.allSatisfy({ $0.isNumber || $0 == "." }), digits.contains(where: \.isNumber),
                  let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else { throw usage }
            return value
        }
        return MaxPrice(prompt: prices[0], completion: prices[1])
    }

    /// The layers `ChatRequest.build` applies over config: each model's saved routing (not in
    /// demo mode, whose models are not OpenRouter's), then these flags.
    func layers(_ context: CLIContext) throws -> RoutingLayers {
        var saved: [String: ProviderPreferences] = [:]
        if !context.demo {
            let loaded = SavedRouting(paths: context.paths).loadAll()
            if let warning = loaded.warning { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(warning))") }
            saved = loaded.models
        }
        return RoutingLayers(saved: saved, flags: try preferences())
    }
}
