import Foundation

extension StubModels {
    /// A chat model that refuses with a 401 quoting the request's credentials (not in the catalog).
    public static let echoKey = "stub/echo-key"
}

extension StubBehavior {
    /// An OpenRouter-style 401 body that quotes the request's `Authorization` header, and any
    /// header whose name mentions a key, in its message and again in `metadata.raw`.
    ///
    /// Servers do this (debug proxies, naive gateways); Prism must not repeat what they quote.
    public static func credentialEchoBody(for request: RecordedRequest) -> String {
        let quoted = request.headers.keys.sorted()
            .filter { $0 == "authorization" || $0.contains("key") }
            .map { "\($0): \(request.headers[$0] ?? "")" }
        let echo = quoted.isEmpty ? "no credentials" : quoted.joined(separator: "; ")
        let raw = StubJSON.object([("error", .object([("message", .string("rejected \(echo)"))]))]).serialized
        return openRouterErrorBody(code: .int(401), message: "Invalid credentials: \(echo)", providerName: "Stub", raw: raw)
    }
}
