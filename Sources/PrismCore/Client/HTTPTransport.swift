import Foundation

/// A request as the transport sends it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [String: String]
    public var body: Data?
    /// Seconds for the TCP and TLS handshakes; 0 for no limit.
    public var connectTimeout: TimeInterval
    /// Seconds from sending the request until the response begins; 0 for no limit.
    public var firstByteTimeout: TimeInterval
    /// Seconds without a single byte, once the response has begun, after which the request fails; 0 for no limit.
    public var idleTimeout: TimeInterval
    /// Optional: asked with the response head; a handler it returns receives every body
    /// piece on the transport's own thread, and `body` then only ends (or fails).
    ///
    /// For streams decoded piece by piece as they arrive: no task has to wake up per
    /// piece. Transports that cannot do this ignore it (`bodyWentToSink` stays false).
    public var bodySink: (@Sendable (HTTPResponseHead) -> BodySink?)?

    public init(method: String, url: URL, headers: [String: String] = [:], body: Data? = nil,
                idleTimeout: TimeInterval = 60, connectTimeout: TimeInterval = 10, firstByteTimeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.idleTimeout = idleTimeout
        self.connectTimeout = connectTimeout
        self.firstByteTimeout = firstByteTimeout
    }
}

/// Takes one body piece on the transport's thread; returns false when it needs no more
/// (the reply is complete, or the stream broke a limit): the transport then closes the
/// connection and ends `body` as if the response had ended.
public typealias BodySink = @Sendable (Data) -> Bool

/// Status and headers of a response, available before its body.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    /// Header names are lowercased.
    public var headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    public var contentType: String { headers["content-type"]?.lowercased() ?? "" }
}

/// A response whose body arrives as it is received.
///
/// Ending iteration of `body` early (or cancelling the task that iterates it)
/// closes the connection, which is how a reply is cancelled.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: AsyncThrowingStream<Data, any Error>
    /// True when the request's `bodySink` took the body: `body` yields nothing and only
    /// ends when the transfer does (or throws its failure).
    public var bodyWentToSink: Bool

    public init(head: HTTPResponseHead, body: AsyncThrowingStream<Data, any Error>, bodyWentToSink: Bool = false) {
        self.head = head
        self.body = body
        self.bodyWentToSink = bodyWentToSink
    }

    /// Reads the whole body, up to `limit` bytes (error bodies, catalogs).
    ///
    /// Checked before each piece is kept, so at most `limit` bytes are ever held.
    public func collect(limit: Int = 64 << 20) async throws -> Data {
        var data = Data()
        for try await piece in body {
            if data.count + piece.count > limit {
                throw TransportError(kind: .protocolViolation,
                                     message: "the response is larger than Prism's \(LimitText.bytes(limit)) limit")
            }
            data.append(piece)
        }
        return data
    }
}

/// Why a transport could not deliver a response.
public struct TransportError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection was lost.
        case connection
        /// A connect, first-byte or idle timeout expired (`timeout` says which).
        case timeout
        case cancelled
        case protocolViolation
    }

    public var kind: Kind
    public var message: String
    /// Which timeout expired, for `.timeout`.
    public var timeout: HTTPTimeout?

    public init(kind: Kind, message: String, timeout: HTTPTimeout? = nil) {
        self.kind = kind
        self.message = message
        self.timeout = timeout
    }

    /// A `.timeout` error for `timeout`.
    public init(timeout: HTTPTimeout) {
        self.init(kind: .timeout, message: timeout.description, timeout: timeout)
    }
}

/// Which of a request's timeouts expired, with its length in seconds.
public enum HTTPTimeout: Sendable, Equatable, CustomStringConvertible {
    /// The TCP and TLS handshakes did not finish in time.
    case connect(TimeInterval)
    /// The request was sent and no response began in time.
    case firstByte(TimeInterval)
    /// Nothing arrived for this long once the response had begun.
    case idle(TimeInterval)

    public var description: String {
        switch self {
        case .connect(let s): "could not connect within \(LimitText.seconds(s))"
        case .firstByte(let s): "no response within \(LimitText.seconds(s)) of sending the request"
        case .idle(let s): "nothing received for \(LimitText.seconds(s))"
        }
    }
}

/// Sends HTTP requests and streams their responses.
///
/// The seam between Prism and the network: the live one is URLSession, the demo
/// mode has a simulated one, and tests may use either against a stub server.
public protocol HTTPTransport: Sendable {
    /// Sends the request and returns once the response head has arrived.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
