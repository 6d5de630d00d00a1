import Foundation

extension DemoModel {
    /// `GET /models/{id}/endpoints` in demo mode: two simulated providers, each named so it
    /// cannot be mistaken for a real one; the second a little dearer and slower.
    var endpointsPayload: [String: Any] {
        func endpoint(_ provider: String, tag: String, scale: Double, latency: Double, throughput: Double, uptime: Double) -> [String: Any] {
            func price(_ perToken: String) -> String { String(format: "%.10f", (Double(perToken) ?? 0) * scale) }
            return [
                "name": "\(provider) | \(id)", "provider_name": provider, "tag": tag, "quantization": "bf16",
                "context_length": contextLength, "max_completion_tokens": maxCompletionTokens,
                "pricing": ["prompt": price(promptPrice), "completion": price(completionPrice)],
                "status": 0, "uptime_last_30m": uptime,
                "latency_last_30m": ["p50": latency], "throughput_last_30m": ["p50": throughput],
            ]
        }
        return ["data": ["id": id, "name": name, "endpoints": [
            endpoint("Demo Cloud (simulated)", tag: "demo-cloud", scale: 1, latency: firstTokenDelay * 1000 + 80, throughput: 90, uptime: 99.8),
            endpoint("Demo Edge (simulated)", tag: "demo-edge", scale: 1.25, latency: firstTokenDelay * 1000 + 300, throughput: 55, uptime: 97.2),
        ]]]
    }
}
