import Foundation
import PrismStub
import Testing
@testable import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// What CurlTransport promises beyond the client suite: how fast it gives up, and how it reads a head.
///
/// The client suite (ClientTests) covers the failure modes for both transports; these
/// pin the timings that libcurl's progress callback is responsible for. That callback runs
/// about once a second while a transfer is silent, so a cancel can take up to a second to
/// be seen: the bounds allow that second plus half a second for a busy two-core machine.
/// Every test has a time limit, so a transfer that never ends fails instead of stalling.
@Suite("CurlTransport timings and head parsing", .serialized, .timeLimit(.minutes(1)))
struct CurlTransportTests {
    @Test func cancelWhileTheBodyIsSilentClosesWithinTheProgressInterval() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stall(after: 0))
        let request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("chat/completions"),
                                  headers: ["Content-Type": "application/json"],
                                  body: Data(#"{"model":"stub/fast","stream":true,"messages":[]}"#.utf8))
        let response = try await CurlTransport().send(request)
        #expect(response.head.status == 200)
        let reader = Task { for try await _ in response.body {} }
        try await Task.sleep(for: .milliseconds(300))
        let cancelledAt = Date()
        reader.cancel()
        #expect(await server.waitForClientDisconnect(timeout: 3))
        let latency = try #require(server.clientDisconnects.first).timeIntervalSince(cancelledAt)
        #expect(latency < 1.5, "closed \(latency) s after the cancel")
    }

    /// The client stops reading when its task is cancelled and just drops the body; the
    /// transport must not keep the stream alive, or nothing ever tells it to hang up.
    @Test(arguments: TransportKind.allCases)
    func droppingTheBodyAfterSomeBytesClosesTheConnection(_ transport: TransportKind) async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stream(StubReply(content: Array(repeating: "tok ", count: 200), interChunkDelay: 0.05)))
        let request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("chat/completions"),
                                  body: Data(#"{"model":"stub/fast","stream":true,"messages":[]}"#.utf8))
        var response: HTTPResponse? = try await transport.make().send(request)
        for try await _ in response!.body { break }
        response = nil
        #expect(await server.waitForClientDisconnect(timeout: 3))
    }

    @Test func aBodySinkTakesEveryPieceOnTheTransferThreadAndTheStreamOnlyEnds() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stream(StubReply(content: ["alpha", "beta"])))
        server.enqueue(.stream(StubReply(content: ["gamma"])))
        var request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("chat/completions"),
                                  body: Data(#"{"model":"stub/fast","stream":true,"messages":[]}"#.utf8))
        let received = ByteLog()
        request.bodySink = { head -> BodySink? in
            guard head.status == 200 else { return nil }
            return { piece in
                received.append(piece)
                return true
            }
        }
        let response = try await CurlTransport().send(request)
        #expect(response.bodyWentToSink)
        var streamed = 0
        for try await piece in response.body { streamed += piece.count }
        #expect(streamed == 0)
        let text = received.text
        #expect(text.contains("alpha") && text.contains("beta") && text.contains("[DONE]"))

        request.bodySink = { _ in nil }  // declined: the body streams as usual
        let second = try await CurlTransport().send(request)
        #expect(!second.bodyWentToSink)
        #expect(String(decoding: try await second.collect(), as: UTF8.self).contains("gamma"))
    }

    @Test func silenceLongerThanTheIdleTimeoutFailsAsTimeoutOnTime() async throws {
        let server = StubServer()
        try server.start()
        defer { server.stop() }
        server.enqueue(.stall(after: 0))
        let request = HTTPRequest(method: "POST", url: server.baseURL.appendingPathComponent("chat/completions"),
                                  body: Data(#"{"model":"stub/fast","stream":true,"messages":[]}"#.utf8), idleTimeout: 1)
        let start = Date()
        let response = try await CurlTransport().send(request)
        let error = await #expect(throws: TransportError.self) { for try await _ in response.body {} }
        let elapsed = Date().timeIntervalSince(start)
        #expect(error?.kind == .timeout)
        #expect(elapsed > 0.9 && elapsed < 3, "timed out after \(elapsed) s")
    }

    @Test func cancelWhileWaitingForTheHeadThrowsAtOnceAndHangsUp() async throws {
        let listener = try SilentListener()
        let request = HTTPRequest(method: "GET", url: URL(string: "http://127.0.0.1:\(listener.port)/models")!)
        let sender = Task { try await CurlTransport().send(request) }
        let accepted = try await onThread { try listener.accept() }
        defer { close(accepted) }
        let cancelledAt = Date()
        sender.cancel()
        let error = await #expect(throws: TransportError.self) { _ = try await sender.value }
        #expect(error?.kind == .cancelled)
        #expect(Date().timeIntervalSince(cancelledAt) < 1, "the cancel does not wait for the progress callback")
        let closedAfter = try await onThread { SilentListener.secondsUntilEOF(accepted, limit: 3) }
        #expect(closedAfter < 1.5, "connection closed \(closedAfter) s after the cancel")
    }

    @Test func headParserSkipsInformationalResponsesAndJoinsRepeatedHeaders() {
        var parser = HeadParser()
        let lines = ["HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/2 429 \r\n", "Retry-After: 7\r\n",
                     "set-cookie: a\r\n", "Set-Cookie: b\r\n", "\r\n"]
        var heads: [HTTPResponseHead] = []
        for line in lines {
            let bytes = Array(line.utf8)
            if let head = bytes.withUnsafeBytes({ parser.feed($0) }) { heads.append(head) }
        }
        #expect(heads == [HTTPResponseHead(status: 429, headers: ["retry-after": "7", "set-cookie": "a, b"])])
    }
}

/// Runs blocking socket calls on their own thread, so the small cooperative pool keeps running.
private func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A TCP listener on 127.0.0.1 that accepts and never answers.
private struct SilentListener: Sendable {
    let fd: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw TransportError(kind: .connection, message: "cannot listen") }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts one connection (blocking) and reads its request so it is really waiting.
    func accept() throws -> Int32 {
        let client = Glibc.accept(fd, nil, nil)
        close(fd)
        guard client >= 0 else { throw TransportError(kind: .connection, message: "accept failed") }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = read(client, &buffer, buffer.count)
        return client
    }

    /// Seconds until the peer closes `fd` (EOF), or `limit` if it does not.
    static func secondsUntilEOF(_ fd: Int32, limit: TimeInterval) -> TimeInterval {
        let start = Date()
        var pollfd = Glibc.pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 256)
        while Date().timeIntervalSince(start) < limit {
            if poll(&pollfd, 1, 50) > 0, read(fd, &buffer, buffer.count) <= 0 { return Date().timeIntervalSince(start) }
        }
        return limit
    }
}

/// Bytes a body sink received, from the transfer thread.
final class ByteLog: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ piece: Data) { lock.withLock { data.append(piece) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
