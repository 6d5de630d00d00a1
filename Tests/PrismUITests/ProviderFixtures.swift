import Foundation
import PrismCore
import PrismTerminal
@testable import PrismUI

/// Four providers of one model, as OpenRouter might list them: two healthy ones that differ
/// in price and speed, a degraded one, and one that reports little (and has an escape
/// sequence in its name, which must never reach the screen).
enum ProviderFixtures {
    static func pricing(_ prompt: String, _ completion: String) -> ModelPricing {
        ModelPricing(prompt: Decimal(string: prompt), completion: Decimal(string: completion))
    }

    static let deepinfra = ProviderEndpoint(
        providerName: "DeepInfra", tag: "deepinfra/fp8", quantization: "fp8", contextLength: 131_072, maxCompletionTokens: 16_384,
        pricing: pricing("0.0000003", "0.0000006"), status: 0, uptime5m: 100, uptime30m: 99.5, uptime1d: 99.7,
        latency: Percentiles(p50: 420, p75: 610, p90: 900, p99: 2100), throughput: Percentiles(p50: 85, p75: 70, p90: 52, p99: 20))
    static let together = ProviderEndpoint(
        providerName: "Together", tag: "together", quantization: "bf16", contextLength: 131_072, maxCompletionTokens: 8_192,
        pricing: pricing("0.00000088", "0.00000088"), status: 0, uptime5m: 99.8, uptime30m: 99.9, uptime1d: 99.9,
        latency: Percentiles(p50: 310, p75: 450, p90: 700, p99: 1500), throughput: Percentiles(p50: 120, p75: 104, p90: 90, p99: 41))
    static let fireworks = ProviderEndpoint(
        providerName: "Fireworks", tag: "fireworks", quantization: "fp16", contextLength: 131_072, maxCompletionTokens: 4_096,
        pricing: pricing("0.0000009", "0.0000009"), status: -2, uptime5m: 40, uptime30m: 71.3, uptime1d: 96.2,
        latency: Percentiles(p50: 1800, p90: 4100), throughput: Percentiles(p50: 30, p90: 15))
    static let odd = ProviderEndpoint(providerName: "Odd\u{1B}[31mCloud", contextLength: 65_536, latency: Percentiles(p50: 950))

    static let model = "meta-llama/llama-3.3-70b-instruct"
    static func endpoints(fetchedAt: Date) -> ModelEndpoints {
        ModelEndpoints(modelID: model, fetchedAt: fetchedAt, endpoints: [deepinfra, together, fireworks, odd])
    }
}

/// A chat screen on `ProviderFixtures.model`, with the catalog holding it and one other model.
final class ProviderHarness: ReducerHarness, @unchecked Sendable {
    init(size: Size = Size(width: 120, height: 40)) {
        super.init(model: ProviderFixtures.model, size: size)
        state.catalog = [ModelInfo(id: "anthropic/claude-sonnet-4.5"), ModelInfo(id: ProviderFixtures.model)]
    }

    /// Opens the table with Alt-R and answers its two effects: `saved` routing, then the providers.
    @discardableResult
    func open(saved: ProviderPreferences? = nil, stale: Bool = false) -> [Effect] {
        let effects = key(.alt("r"))
        send(.routingLoaded(saved.map { [ProviderFixtures.model: $0] } ?? [:]))
        send(.providersLoaded(ProviderFixtures.endpoints(fetchedAt: state.now.addingTimeInterval(-120)), stale: stale))
        return effects
    }

    var table: ProviderTableState { state.providers! }
    var rowNames: [String] { table.rows.map(\.providerName) }
}
