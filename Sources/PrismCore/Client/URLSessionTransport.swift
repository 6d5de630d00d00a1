import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The live transport: Foundation's URLSession with a data delegate.
///
/// On Linux the delegate's `didReceive data` is the only way to read a body
/// incrementally (`bytes(for:)` does not exist there), and
/// `timeoutIntervalForRequest` acts as an idle timeout between received bytes.
public struct URLSessionTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.timeoutInterval = request.idleTimeout

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = request.idleTimeout
        configuration.timeoutIntervalForResource = 24 * 3600
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData

        let bridge = StreamingDelegate()
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

    override init() {
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
            task?.resume()
        }
    }

    func cancel() {
        let task: URLSessionDataTask? = lock.withLock {
            cancelled = true
            return self.task
        }
        task?.cancel()
        resumeHead(with: .failure(TransportError(kind: .cancelled, message: "cancelled")))
        continuation.finish(throwing: TransportError(kind: .cancelled, message: "cancelled"))
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
            defer { stream = nil }
            return stream
        }
        if let body { resumeHead(with: .success(HTTPResponse(head: head, body: body))) }
        completionHandler(.allow)
    }

    /// Refuses every redirect, as libcurl does here: URLSession would carry the request's
    /// `Authorization` header to wherever the server points, and the key must stay with its server.
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        continuation.yield(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
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
                return TransportError(kind: .timeout, message: "no data received for too long")
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
