import Foundation

/// A named server from config.toml's `[servers.NAME]`: where it is and what it is sent.
///
/// The OpenRouter key is for OpenRouter (and loopback) only, so any other server that
/// needs a key describes it here: the environment variable holding it (never the key
/// itself, which would then sit in the file), extra headers, and whether plain http to a
/// host that is not loopback is acceptable. `--server NAME` or `server = "NAME"` selects one.
public struct ServerProfile: Sendable, Equatable {
    public var name: String
    /// The base URL as written; checked like any other base URL when the profile is used.
    public var baseURL: String
    /// The environment variable whose value is sent as `Authorization: Bearer …`; nil sends no key.
    public var apiKeyVariable: String?
    /// Extra headers sent with every request to this server; they replace built-in headers of the same name.
    public var headers: [String: String]
    /// Allows `http://` to a host that is not loopback (traffic and key unencrypted).
    public var allowHTTP: Bool

    public init(name: String, baseURL: String, apiKeyVariable: String? = nil, headers: [String: String] = [:],
                allowHTTP: Bool = false) {
        self.name = name
        self.baseURL = baseURL
        self.apiKeyVariable = apiKeyVariable
        self.headers = headers
        self.allowHTTP = allowHTTP
    }

    static let knownKeys: Set<String> = ["base_url", "api_key_env", "headers", "allow_http"]

    /// Whether `name` can name a profile: letters, digits, `-` and `_`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.isASCII && TOMLParser.isBareKeyChar($0) }
    }

    /// Whether `name` can be an environment variable: a letter or `_`, then letters, digits and `_`.
    static func isValidVariable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII, first == "_" || first.properties.isAlphabetic else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }

    /// Whether `name` is an HTTP header name (an RFC 9110 token).
    static func isValidHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { c in
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(c))
        }
    }

    /// Whether `value` can go in a header: no control characters (a line break would start another header).
    static func isValidHeaderValue(_ value: String) -> Bool {
        value.unicodeScalars.allSatisfy { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }
    }
}
