import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live transport: Foundation's URLSession with a data delegate.
///
/// On Linux the delegate's `didReceive data` is the only way to read a body
/// incrementally (`bytes(for:)` does not exist there). The request's timeouts are kept
/// by the delegate's own timer (`TransferClock`), not by URLSession's single idle
/// interval. A request's `bodySink` is honoured, so an event stream is decoded on the
/// delegate's queue with nothing buffered in between, as with libcurl. Redirects are
/// refused, so the 3xx response itself comes back.
public struct URLSessionTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        // Our timer enforces the timeouts; URLSession's own must never fire first.
        urlRequest.timeoutInterval = 24 * 3600

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 24 * 3600
        configuration.timeoutIntervalForResource = 24 * 3600
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData

        let bridge = StreamingDelegate(clock: TransferClock(request), chooseSink: request.bodySink)
        let session = URLSession(configuration: configuration, delegate: bridge, delegateQueue: nil)
        let task = session.dataTask(with: urlRequest)
        bridge.attach(task: task, session: session)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                bridge.start(head: continuation)
            }
        } onCancel: {
            bridge.cancel()
        }
    }
}

/// Bridges URLSession delegate callbacks into a head continuation and a body stream.
final class StreamingDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var headContinuation: CheckedContinuation<HTTPResponse, any Error>?
    private var task: URLSessionDataTask?
    private var session: URLSession?
    private var cancelled = false
    /// Handed out once, with the head, and not kept, so dropping it cancels the task.
    private var stream: AsyncThrowingStream<Data, any Error>?
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    /// Deadlines of the request; touched only under `lock`.
    private var clock: TransferClock
    private var timer: (any DispatchSourceTimer)?
    /// Asked for a body handler with the head.
    private let chooseSink: (@Sendable (HTTPResponseHead) -> BodySink?)?
    /// Where body pieces go instead of the stream; used only on the delegate queue.
    private var sink: BodySink?

    init(clock: TransferClock, chooseSink: (@Sendable (HTTPResponseHead) -> BodySink?)?) {
        self.clock = clock
        self.chooseSink = chooseSink
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self, bufferingPolicy: .unbounded)
        (self.stream, self.continuation) = (stream, continuation)
        super.init()
        continuation.onTermination = { [weak self] termination in
            if case .cancelled = termination { self?.cancel() }
        }
    }

    func attach(task: URLSessionDataTask, session: URLSession) {
        lock.withLock {
            self.task = task
            self.session = session
        }
    }

    func start(head: CheckedContinuation<HTTPResponse, any Error>) {
        let (task, cancelled): (URLSessionDataTask?, Bool) = lock.withLock {
            headContinuation = head
            return (self.task, self.cancelled)
        }
        if cancelled {
            resumeHead(with: .failure(TransportError(kind: .cancelled, message: "cancelled")))
        } else {
            startTimer()
            task?.resume()
        }
    }

    func cancel() {
        end(with: TransportError(kind: .cancelled, message: "cancelled"))
    }

    /// Ends the exchange. With an error, the head and body fail with it (the first ending
    /// wins); without, the body just ends: the sink has all it needs.
    private func end(with error: TransportError?) {
        let (task, timer, session): (URLSessionDataTask?, (any DispatchSourceTimer)?, URLSession?) = lock.withLock {
            cancelled = true
            defer { self.timer = nil }
            return (self.task, self.timer, self.session)
        }
        timer?.cancel()
        // Before cancelling, so the cancellation URLSession reports next cannot take this ending's place.
        if let error {
            resumeHead(with: .failure(error))
            continuation.finish(throwing: error)
        } else {
            continuation.finish()
        }
        task?.cancel()
        // The session is this request's own. Under a flood of data, task.cancel() alone can
        // take seconds to reach the connection while URLSession keeps reading (and
        // buffering); invalidating the session closes it sooner.
        session?.invalidateAndCancel()
    }

    /// Checks the deadlines a few times a second while the transfer runs.
    private func startTimer() {
        let timer = DispatchSource.makeTimerSource(queue: .global())
        let tick = clock.tick
        timer.schedule(deadline: .now() + tick, repeating: tick, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in
            guard let self, let expired = lock.withLock({ clock.expired() }) else { return }
            end(with: TransportError(timeout: expired))
        }
        lock.withLock { self.timer = timer }
        timer.resume()
    }

    private func stopTimer() {
        let timer: (any DispatchSourceTimer)? = lock.withLock {
            defer { self.timer = nil }
            return self.timer
        }
        timer?.cancel()
    }

    /// Refuses every redirect: the Authorization header must not travel to another host.
    /// The 3xx response then arrives as the response, and the client reports where it pointed.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    private func resumeHead(with result: Result<HTTPResponse, any Error>) {
        let head: CheckedContinuation<HTTPResponse, any Error>? = lock.withLock {
            defer { headContinuation = nil }
            return headContinuation
        }
        head?.resume(with: result)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        let http = response as? HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] {
            if let k = key as? String, let v = value as? String { headers[k] = v }
        }
        let head = HTTPResponseHead(status: http?.statusCode ?? 0, headers: headers)
        let body: AsyncThrowingStream<Data, any Error>? = lock.withLock {
            clock.received()
            defer { stream = nil }
            return stream
        }
        if let body {
            sink = chooseSink?(head)
            resumeHead(with: .success(HTTPResponse(head: head, body: body, bodyWentToSink: sink != nil)))
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64,
                    totalBytesSent: Int64, totalBytesExpectedToSend: Int64) {
        lock.withLock { clock.sent() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let stopped: Bool = lock.withLock {
            clock.received()
            return cancelled
        }
        guard !stopped else { return }
        if let sink {
            if !sink(data) { end(with: nil) }
        } else {
            continuation.yield(data)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        stopTimer()
        let failure = error.map(StreamingDelegate.transportError)
        if let failure {
            resumeHead(with: .failure(failure))
            continuation.finish(throwing: failure)
        } else {
            resumeHead(with: .failure(TransportError(kind: .protocolViolation, message: "no response received")))
            continuation.finish()
        }
        session.finishTasksAndInvalidate()
    }

    static func transportError(_ error: any Error) -> TransportError {
        let ns = error as NSError
        if ns.domain == NSURLErrorDomain {
            switch ns.code {
            case NSURLErrorCancelled:
                return TransportError(kind: .cancelled, message: "cancelled")
            case NSURLErrorTimedOut:
                return TransportError(kind: .timeout, message: "timed out")
            case NSURLErrorCannotConnectToHost, NSURLErrorCannotFindHost, NSURLErrorNotConnectedToInternet,
                 NSURLErrorDNSLookupFailed:
                return TransportError(kind: .connection, message: "could not connect: \(ns.localizedDescription)")
            case NSURLErrorNetworkConnectionLost:
                return TransportError(kind: .connection, message: "connection lost")
            default:
                break
            }
        }
        return TransportError(kind: .connection, message: ns.localizedDescription)
    }
}
