import Foundation
import Logging
import MCP
import PrismCore

/// The SDK's HTTP client transport, with event-stream response bodies unpacked.
///
/// A streamable HTTP server may answer a POST with JSON or with `text/event-stream` (the
/// Python SDK's default). On Linux the SDK reads the whole response and passes an
/// event-stream body on as one message, which its client cannot decode, so the call would
/// wait for ever. This wrapper splits such a body into its events' `data` (with Prism's own
/// `SSEDecoder`) and passes JSON bodies on untouched.
actor SSEUnpackingTransport: Transport {
    nonisolated let logger: Logger
    private let inner: HTTPClientTransport
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var pump: Task<Void, Never>?

    init(_ inner: HTTPClientTransport, logger: Logger) {
        self.inner = inner
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        try await inner.connect()
        let source = await inner.receive()
        let continuation = self.continuation
        pump = Task {
            do {
                for try await body in source {
                    for message in Self.unpack(body) { continuation.yield(message) }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
    }

    func disconnect() async {
        await inner.disconnect()
        pump?.cancel()
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        try await inner.send(data)
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        stream
    }

    /// A JSON body as it is; an event-stream body as the `data` of each of its message events.
    static func unpack(_ body: Data) -> [Data] {
        let first = body.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
        guard let first, first != UInt8(ascii: "{"), first != UInt8(ascii: "[") else { return body.isEmpty ? [] : [body] }
        var decoder = SSEDecoder()
        var events = decoder.feed(body)
        events += decoder.feed(Array("\n\n".utf8))
        return events.filter { ($0.type ?? "message") == "message" && !$0.data.isEmpty }.map { Data($0.data.utf8) }
    }
}
