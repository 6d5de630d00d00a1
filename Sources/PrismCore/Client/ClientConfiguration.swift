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
    /// Seconds a chat stream may go without an event (keep-alive comments do not count),
    /// and any other request without a byte, before it fails (`idle_timeout`).
    public var idleTimeout: TimeInterval
    /// Seconds for the TCP and TLS handshakes (`connect_timeout`).
    public var connectTimeout: TimeInterval
    /// Seconds from sending a request until its response begins (`first_byte_timeout`).
    public var firstByteTimeout: TimeInterval
    /// Cap in bytes on one stream line, one stream event and a whole non-streamed reply.
    public var maxEventBytes: Int = SSEDecoder.defaultLimit
    public var retry: RetryPolicy
    /// Headers of a server profile, sent with every request; they replace built-in headers of the same name.
    public var extraHeaders: [String: String] = [:]

    public init(baseURL: URL = ClientConfiguration.openRouterBaseURL, apiKey: String? = nil,
                referer: String? = "https://github.com/prism-terminal/prism", title: String? = "Prism",
                idleTimeout: TimeInterval = ResolvedConfig.defaultIdleTimeout,
                connectTimeout: TimeInterval = ResolvedConfig.defaultConnectTimeout,
                firstByteTimeout: TimeInterval = ResolvedConfig.defaultFirstByteTimeout,
                retry: RetryPolicy = RetryPolicy()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.referer = referer
        self.title = title
        self.idleTimeout = idleTimeout
        self.connectTimeout = connectTimeout
        self.firstByteTimeout = firstByteTimeout
        self.retry = retry
    }

    public var description: String {
        "ClientConfiguration(baseURL: \(baseURL.displayString), apiKey: \(apiKey == nil ? "<none>" : "<redacted>"), "
            + "timeouts: connect \(connectTimeout), first byte \(firstByteTimeout), idle \(idleTimeout))"
    }

    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL.displayString, "apiKey": apiKey == nil ? "<none>" : "<redacted>",
                                "idleTimeout": idleTimeout, "connectTimeout": connectTimeout,
                                "firstByteTimeout": firstByteTimeout], displayStyle: .struct)
    }

    /// A request to `{base}/{path}` carrying this configuration's three timeouts.
    public func httpRequest(method: String, path: String, headers: [String: String], body: Data? = nil) -> HTTPRequest {
        HTTPRequest(method: method, url: url(path), headers: headers, body: body, idleTimeout: idleTimeout,
                    connectTimeout: connectTimeout, firstByteTimeout: firstByteTimeout)
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
