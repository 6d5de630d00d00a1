import Foundation

/// How to reach an OpenAI-compatible server.
///
/// Its description never shows the API key, so it is safe to log.
public struct ClientConfiguration: Sendable, CustomStringConvertible, CustomReflectable {
    public static let openRouterBaseURL = URL(string: "https://openrouter.ai/api/v1")!

    public var baseURL: URL
    public var apiKey: String?
    /// App attribution for OpenRouter's rankings (`HTTP-Referer`).
    public var referer: String?
    /// App name for OpenRouter (`X-Title` and `X-OpenRouter-Title`).
    public var title: String?
    /// Seconds without a byte (keep-alives count) before a request fails.
    public var idleTimeout: TimeInterval
    public var retry: RetryPolicy
    /// Headers of a server profile, sent with every request; they replace built-in headers of the same name.
    public var extraHeaders: [String: String] = [:]

    public init(baseURL: URL = ClientConfiguration.openRouterBaseURL, apiKey: String? = nil,
                referer: String? = "https://github.com/prism-terminal/prism", title: String? = "Prism",
                idleTimeout: TimeInterval = 60, retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.referer = referer
        self.title = title
        self.idleTimeout = idleTimeout
        self.retry = retry
    }

    public var description: String {
        "ClientConfiguration(baseURL: \(baseURL.displayString), apiKey: \(apiKey == nil ? "<none>" : "<redacted>"), idleTimeout: \(idleTimeout))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL.displayString, "apiKey": apiKey == nil ? "<none>" : "<redacted>",
                                "idleTimeout": idleTimeout], displayStyle: .struct)
    }

    /// `{base}/{path}`, whatever trailing slash the base has.
    public func url(_ path: String) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/" + path)!
    }

    /// Headers every request carries.
    public func headers(json: Bool) -> [String: String] {
        var h: [String: String] = ["User-Agent": "Prism/\(PrismVersion.current)"]
        if let apiKey, !apiKey.isEmpty { h["Authorization"] = "Bearer \(apiKey)" }
        if let referer, !referer.isEmpty { h["HTTP-Referer"] = referer }
        if let title, !title.isEmpty {
            h["X-Title"] = title
            h["X-OpenRouter-Title"] = title
        }
        if json { h["Content-Type"] = "application/json" }
        for (name, value) in extraHeaders {
            for existing in h.keys where existing.lowercased() == name.lowercased() { h[existing] = nil }
            h[name] = value
        }
        return h
    }
}

/// Prism's version, shown by `--version` and sent in `User-Agent`.
public enum PrismVersion {
    public static let current = "0.1.0"
}
