import Foundation

/// Why a reply did not finish normally, in a form that can be saved and shown.
///
/// Kept deliberately flat (strings and numbers) so a session file written by one
/// version of Prism still reads in the next.
public struct ReplyFailure: Codable, Sendable, Equatable, Hashable, Error {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The server answered with an HTTP error status before streaming.
        case http
        /// An `error` object arrived inside the stream, or `finish_reason: "error"`.
        case stream
        /// The stream ended without a finish reason or `[DONE]`.
        case truncated
        /// The connection could not be made or was lost.
        case network
        /// A connect, first-byte or idle timeout expired; `code` names its setting.
        case timeout
        /// The response could not be understood at all.
        case protocolViolation = "protocol"
        /// The user stopped the reply.
        case cancelled
    }

    public var kind: Kind
    /// The error code from the server: usually an HTTP status as text ("429"), sometimes a string ("server_error").
    public var code: String?
    /// HTTP status of the response, when there was one.
    public var status: Int?
    public var message: String
    /// The upstream provider named by the error, e.g. "Google AI Studio".
    public var provider: String?
    /// The upstream provider's own message (`metadata.raw`), when it adds something.
    public var upstreamMessage: String?
    /// Seconds the server asked us to wait (`Retry-After`).
    public var retryAfter: Double?

    public init(
        kind: Kind, code: String? = nil, status: Int? = nil, message: String,
        provider: String? = nil, upstreamMessage: String? = nil, retryAfter: Double? = nil
    ) {
        self.kind = kind
        self.code = code
        self.status = status
        self.message = message
        self.provider = provider
        self.upstreamMessage = upstreamMessage
        self.retryAfter = retryAfter
    }

    enum CodingKeys: String, CodingKey {
        case kind, code, status, message, provider
        case upstreamMessage = "upstream_message", retryAfter = "retry_after"
    }

    /// One line for a terminal: status, message, provider and upstream detail.
    public var oneLine: String {
        var parts: [String] = []
        if let status {
            parts.append("HTTP \(status)")
        } else if kind == .stream {
            parts.append(code.map { "error \($0) mid-stream:" } ?? "error mid-stream:")
        } else if kind == .http, let code {
            parts.append("error \(code):") // an error body in a 200: before the reply, no HTTP status to show
        } else if let code, kind != .cancelled, kind != .timeout { // a timeout's message names its setting
            parts.append(code)
        }
        var text = message
        if let upstreamMessage, !upstreamMessage.isEmpty, upstreamMessage != message {
            text += ": \(upstreamMessage)"
        }
        parts.append(text)
        if let provider, !provider.isEmpty { parts.append("(provider: \(provider))") }
        return parts.joined(separator: " ")
            .replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
    }

    public static let cancelled = ReplyFailure(kind: .cancelled, message: "cancelled")
}
