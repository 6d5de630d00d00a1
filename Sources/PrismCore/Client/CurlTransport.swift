import CCurl
import Foundation

/// The live transport: libcurl's easy interface on one thread per request.
///
/// URLSession on Linux drives libcurl through libdispatch, which spins at 85–96 % of
/// a core while a body arrives slowly (see docs/benchmarks.md, TUI section); here
/// `curl_easy_perform` blocks in `poll` and costs nothing between bytes.
/// Cancelling closes the connection at the next data or progress tick (≤ 1 s).
/// Redirects are never followed: the 3xx response is returned as it is.
public struct CurlTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let exchange = try CurlExchange(request)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                exchange.start(head: continuation)
            }
        } onCancel: {
            exchange.cancel()
        }
    }
}

/// One request: owns the curl handle, runs it on its thread, and feeds the head and body.
final class CurlExchange: @unchecked Sendable {
    private let handle: OpaquePointer
    private let lock = NSLock()
    private var headContinuation: CheckedContinuation<HTTPResponse, any Error>?
    private var headDelivered = false
    private var cancelled = false
    /// Handed out once, with the head, and not kept: when the consumer drops it, its
    /// termination handler cancels the transfer (a stream we kept would never end).
    private var stream: AsyncThrowingStream<Data, any Error>?
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    /// The head being read; touched only by the perform thread.
    private var parser = HeadParser()
    /// Asked for a body handler when the head is complete.
    private let chooseSink: (@Sendable (HTTPResponseHead) -> BodySink?)?
    /// Where body pieces go instead of the stream; set and read only on the perform thread.
    private var sink: BodySink?
    /// The request's timeouts, for the errors that name them.
    private let timeouts: (connect: TimeInterval, firstByte: TimeInterval, idle: TimeInterval)

    init(_ request: HTTPRequest) throws {
        func ms(_ seconds: TimeInterval) -> Int { seconds > 0 ? max(1, Int((seconds * 1000).rounded(.up))) : 0 }
        guard let handle = prism_curl_create(request.method, request.url.absoluteString, ms(request.connectTimeout),
                                             ms(request.firstByteTimeout), ms(request.idleTimeout)) else {
            throw TransportError(kind: .connection, message: "libcurl could not create a request")
        }
        self.handle = handle
        self.timeouts = (request.connectTimeout, request.firstByteTimeout, request.idleTimeout)
        self.chooseSink = request.bodySink
        for (name, value) in request.headers {
            _ = prism_curl_add_header(handle, "\(name): \(value)")
        }
        if let body = request.body {
            body.withUnsafeBytes { prism_curl_set_body(handle, $0.baseAddress, $0.count) }
        }
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        (self.stream, self.continuation) = (stream, continuation)
        continuation.onTermination = { [weak self] _ in self?.cancel() }
    }

    deinit {
        prism_curl_destroy(handle)
    }

    /// Starts the transfer thread; `head` is resumed with the response head or the failure.
    func start(head: CheckedContinuation<HTTPResponse, any Error>) {
        let alreadyCancelled: Bool = lock.withLock {
            headContinuation = head
            return cancelled
        }
        if alreadyCancelled {
            resumeHead(with: .failure(TransportError(kind: .cancelled, message: "cancelled")))
            return
        }
        // Unretained: the thread's closure keeps `self` alive while perform runs the callbacks.
        prism_curl_set_callbacks(handle, Unmanaged.passUnretained(self).toOpaque(), { context, line, length in
            guard let context, let line else { return }
            Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
                .received(header: UnsafeRawBufferPointer(start: line, count: length))
        }, { context, bytes, length in
            guard let context, let bytes else { return 0 }
            let more = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
                .received(body: Data(bytes: bytes, count: length))
            return more ? 0 : 1
        })
        Thread { [self] in perform() }.start()
    }

    /// Stops the transfer: the head and body fail as cancelled, and libcurl closes the connection.
    func cancel() {
        lock.withLock { cancelled = true }
        prism_curl_cancel(handle)
        let error = TransportError(kind: .cancelled, message: "cancelled")
        resumeHead(with: .failure(error))
        continuation.finish(throwing: error)
    }

    private func perform() {
        let outcome = prism_curl_perform(handle)
        let message = String(cString: prism_curl_error_message(handle))
        let failure: TransportError? = switch outcome {
        case PRISM_CURL_OK, PRISM_CURL_STOPPED: nil
        case PRISM_CURL_CANCELLED: TransportError(kind: .cancelled, message: "cancelled")
        case PRISM_CURL_TIMED_OUT: TransportError(timeout: .idle(timeouts.idle))
        case PRISM_CURL_FIRST_BYTE_TIMED_OUT: TransportError(timeout: .firstByte(timeouts.firstByte))
        case PRISM_CURL_CONNECT_TIMED_OUT: TransportError(timeout: .connect(timeouts.connect))
        case PRISM_CURL_CONNECT_FAILED: TransportError(kind: .connection, message: "could not connect: \(message)")
        case PRISM_CURL_CONNECTION_LOST: TransportError(kind: .connection, message: "connection lost")
        default: TransportError(kind: .connection, message: message)
        }
        if let failure {
            resumeHead(with: .failure(failure))
            continuation.finish(throwing: failure)
        } else {
            resumeHead(with: .failure(TransportError(kind: .protocolViolation, message: "no response received")))
            continuation.finish()
        }
    }

    private func received(header line: UnsafeRawBufferPointer) {
        guard let head = parser.feed(line) else { return }
        let body: AsyncThrowingStream<Data, any Error>? = lock.withLock {
            defer { stream = nil }
            return stream
        }
        guard let body else { return }
        sink = chooseSink?(head)
        resumeHead(with: .success(HTTPResponse(head: head, body: body, bodyWentToSink: sink != nil)))
    }

    /// Hands a body piece on; false when the sink asked to stop reading.
    private func received(body piece: Data) -> Bool {
        if let sink {
            if lock.withLock({ cancelled }) { return true } // libcurl stops at the next tick anyway
            return sink(piece)
        }
        continuation.yield(piece)
        return true
    }

    /// Resumes the head continuation at most once.
    private func resumeHead(with result: Result<HTTPResponse, any Error>) {
        let head: CheckedContinuation<HTTPResponse, any Error>? = lock.withLock {
            guard !headDelivered, let head = headContinuation else { return nil }
            headDelivered = true
            headContinuation = nil
            return head
        }
        head?.resume(with: result)
    }
}

/// Builds a response head from the header lines libcurl hands over one at a time.
///
/// Informational (1xx) responses are skipped: their blank line does not end the head.
struct HeadParser {
    private var status = 0
    private var headers: [String: String] = [:]

    /// Takes one line (with its line end); returns the head at the blank line after a final status.
    mutating func feed(_ bytes: UnsafeRawBufferPointer) -> HTTPResponseHead? {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty {
            guard status >= 200 else { return nil }
            return HTTPResponseHead(status: status, headers: headers)
        }
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = headers[name].map { "\($0), \(value)" } ?? value
        }
        return nil
    }
}
