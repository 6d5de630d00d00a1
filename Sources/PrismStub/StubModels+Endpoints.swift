import Foundation

/// `GET /models/{author}/{slug}/endpoints` for the stub's models: the same few providers for
/// every model, priced from the model's own price, so the provider table and
/// `prism models endpoints` have something to sort, pin and exclude.
///
/// Why these providers: each shows one thing a client must cope with. Two healthy ones
/// differ in price, quantization, speed and output limit; one is degraded (negative status,
/// poor uptime); one has odd or missing fields (no tag, latency as a bare number, no pricing,
/// no quantization, a control sequence in its name); and one entry has no provider name at
/// all and must be skipped.
extension StubModels {
    /// The body for the endpoints of `id` (a variant suffix such as `:free` is ignored), or
    /// nil when the stub has no such model.
    public static func endpointsPayload(for id: String) -> Data? {
        let base = id.split(separator: ":", maxSplits: 1).first.map(String.init) ?? id
        guard let model = all.first(where: { $0.id == base }) else { return nil }
        func price(_ perToken: String, _ factor: String) -> StubJSON {
            guard let value = Decimal(string: perToken), value > 0, let scale = Decimal(string: factor) else { return .string(perToken) }
            return .string(NSDecimalNumber(decimal: value * scale).stringValue)
        }
        func pricing(_ factor: String) -> StubJSON {
            .object([("prompt", price(model.promptPrice, factor)), ("completion", price(model.completionPrice, factor)),
                     ("request", .string("0")), ("image", .string("0"))])
        }
        func percentiles(_ p50: Double, _ p75: Double, _ p90: Double, _ p99: Double) -> StubJSON {
            .object([("p50", .double(p50)), ("p75", .double(p75)), ("p90", .double(p90)), ("p99", .double(p99))])
        }
        let parameters = StubJSON.array(["max_tokens", "temperature", "top_p", "stop", "seed"].map(StubJSON.string))
        func endpoint(_ provider: String, tag: String?, quantization: String?, maxOut: Int, factor: String, status: Int,
                      uptime: Double, latency: StubJSON, throughput: StubJSON) -> StubJSON {
            var fields: [(String, StubJSON)] = [
                ("name", .string("\(provider) | \(model.id)")), ("model_id", .string(model.id)),
                ("model_name", .string(model.name)), ("context_length", .int(model.contextLength)),
                ("pricing", pricing(factor)), ("provider_name", .string(provider)),
            ]
            if let tag { fields.append(("tag", .string(tag))) }
            if let quantization { fields.append(("quantization", .string(quantization))) }
            fields += [
                ("max_completion_tokens", .int(maxOut)), ("max_prompt_tokens", .null),
                ("supported_parameters", parameters), ("status", .int(status)),
                ("uptime_last_5m", .double(uptime)), ("uptime_last_30m", .double(uptime)), ("uptime_last_1d", .double(min(100, uptime + 0.4))),
                ("supports_implicit_caching", .bool(false)),
                ("latency_last_30m", latency), ("throughput_last_30m", throughput),
            ]
            return .object(fields)
        }
        let endpoints: [StubJSON] = [
            endpoint("DeepInfra", tag: "deepinfra/fp8", quantization: "fp8", maxOut: 4096, factor: "1", status: 0, uptime: 99.5,
                     latency: percentiles(420, 610, 900, 2100), throughput: percentiles(85, 70, 52, 20)),
            endpoint("Together", tag: "together", quantization: "bf16", maxOut: 8192, factor: "1.2", status: 0, uptime: 99.9,
                     latency: percentiles(310, 450, 700, 1500), throughput: percentiles(120, 104, 90, 41)),
            endpoint("Fireworks", tag: "fireworks", quantization: "fp16", maxOut: 4096, factor: "0.9", status: -2, uptime: 71.3,
                     latency: percentiles(1800, 2600, 4100, 9000), throughput: percentiles(30, 22, 15, 6)),
            // Odd: no tag, no quantization, latency as a bare number, no throughput, no pricing,
            // no uptime, and an escape sequence in the name that must never reach a terminal.
            .object([
                ("name", .string("Odd\u{1B}[31mCloud | \(model.id)")), ("provider_name", .string("Odd\u{1B}[31mCloud")),
                ("context_length", .int(model.contextLength / 2)), ("latency_last_30m", .double(950)), ("status", .int(0)),
            ]),
            // No provider name and no name: not a provider, skipped.
            .object([("tag", .string("ghost")), ("context_length", .int(1024))]),
        ]
        let data: StubJSON = .object([
            ("id", .string(model.id)), ("name", .string(model.name)), ("created", .int(1_735_689_600)),
            ("description", .string(model.summary)),
            ("architecture", .object([
                ("modality", .string("text->text")), ("input_modalities", .array([.string("text")])),
                ("output_modalities", .array([.string("text")])), ("tokenizer", .string("Other")), ("instruct_type", .null),
            ])),
            ("endpoints", .array(endpoints)),
        ])
        return Data(StubJSON.object([("data", data)]).serialized.utf8)
    }
}
