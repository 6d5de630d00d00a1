import Foundation

/// What the server decided to send for one request.
enum StubAction {
    /// A complete JSON (or other) response with a Content-Length.
    case fixed(status: Int, body: Data, headers: [String: String])
    /// A chat completion behavior; `model` is the request's model, `stream` its `"stream"` flag.
    case behavior(StubBehavior, model: String, stream: Bool)
}

/// Serves one accepted socket on its own thread: reads one request, answers it, closes.
///
/// Why one request per connection: `Connection: close` keeps the server simple, and
/// URLSession copes with it; a client that hangs up mid-response is reported to the server.
final class StubConnection {
    /// Pause between the chunks of the misbehaving behaviors, so clients see them arrive separately.
    static let misbehaviorChunkDelay: TimeInterval = 0.02
    /// Requests larger than this are refused (a guard against runaway clients, not a real limit).
    static let maxRequestBytes = 64 << 20

    private let io: SocketIO
    private let server: StubServer
    private var writer: SSEWriter { SSEWriter(io: io) }

    init(fd: Int32, server: StubServer) {
        self.server = server
        self.io = SocketIO(fd: fd, isStopping: { [server] in server.isStopping })
    }

    /// Handles the connection to the end; always closes the socket and tells the server.
    func run() {
        defer {
            server.connectionWillClose(fd: io.fd)
            io.close()
        }
        let request: RecordedRequest
        do {
            guard let read = try readRequest() else { return }
            request = read
        } catch {
            return  // the client left (or the server stopped) before sending a whole request
        }
        do {
            try perform(server.route(request))
        } catch .clientClosed {
            server.recordClientDisconnect()
        } catch {
            return  // server stopping
        }
    }

    /// Reads the head, answers `Expect: 100-continue`, then reads the body by Content-Length.
    /// Returns nil after answering a malformed request with an error.
    private func readRequest() throws(SocketIO.Interruption) -> RecordedRequest? {
        var buffer: [UInt8] = []
        var headEnd: Int?
        while headEnd == nil {
            buffer += try io.read()
            headEnd = HTTPRequestParser.headEnd(in: buffer)
            if headEnd == nil && buffer.count > 1 << 20 { return try refuse(431, "Request header too large") }
        }
        let head: HTTPRequestParser.Head
        do {
            head = try HTTPRequestParser.parseHead(buffer[..<headEnd!])
        } catch {
            return try refuse(400, "Malformed request")
        }
        if head.isChunked { return try refuse(411, "Send the body with a Content-Length") }
        let length = head.contentLength
        if length > Self.maxRequestBytes { return try refuse(413, "Request too large") }
        var body = Array(buffer[headEnd!...])
        if head.expectsContinue && body.count < length {
            try io.write("HTTP/1.1 100 Continue\r\n\r\n")
        }
        while body.count < length {
            body += try io.read()
        }
        return RecordedRequest(
            method: head.method, path: head.path, query: head.query, headers: head.headers,
            body: Data(body.prefix(length)), receivedAt: Date())
    }

    private func refuse(_ status: Int, _ message: String) throws(SocketIO.Interruption) -> RecordedRequest? {
        let body = StubBehavior.openRouterErrorBody(code: .int(status), message: message)
        try writer.fixed(status: status, body: Data(body.utf8))
        return nil
    }

    private func perform(_ action: StubAction) throws(SocketIO.Interruption) {
        switch action {
        case .fixed(let status, let body, let headers):
            try fixed(status: status, body: body, headers: headers)
        case .behavior(let behavior, let model, let stream):
            try perform(behavior, requestModel: model, stream: stream)
        }
    }

    /// A fixed response; a `Content-Type` among `headers` replaces the JSON default.
    private func fixed(status: Int, body: Data, headers: [String: String]) throws(SocketIO.Interruption) {
        var extra = headers
        var contentType = "application/json"
        if let key = extra.keys.first(where: { $0.lowercased() == "content-type" }) {
            contentType = extra.removeValue(forKey: key)!
        }
        try writer.fixed(status: status, contentType: contentType, body: body, extra: extra)
    }

    private func perform(_ behavior: StubBehavior, requestModel: String, stream: Bool) throws(SocketIO.Interruption) {
        let id = server.nextGenerationID()
        server.recordGeneration(id: id, model: requestModel, behavior: behavior)
        let generation = ["X-Generation-Id": id]
        switch behavior {
        case .stream(let reply):
            let chunks = StubChunks(id: id, provider: reply.provider, model: reply.model ?? requestModel)
            if stream {
                try writer.head(status: 200, contentType: SSEWriter.eventStream, chunked: true, extra: generation)
                try streamReply(reply, chunks: chunks)
            } else {
                try pause(reply.firstTokenDelay)
                try fixed(status: 200, body: Data(chunks.completion(for: reply).utf8), headers: generation)
            }
        case .httpError(let status, let body, let headers):
            try fixed(status: status, body: Data(body.utf8), headers: headers)
        case .errorBody200:
            let body = StubBehavior.openRouterErrorBody(
                code: "server_error", message: "Internal server error while processing the request", userID: "user_x")
            try fixed(status: 200, body: Data(body.utf8), headers: [:])
        case .midStreamError(let after, let code, let message):
            let chunks = try startFiller(after, id: id, model: requestModel)
            try pause(Self.misbehaviorChunkDelay)
            try writer.event(chunks.midStreamError(code: code, message: message))
            try writer.end()
        case .disconnect(let after):
            _ = try startFiller(after, id: id, model: requestModel)
            try pause(Self.misbehaviorChunkDelay)
            // Returning closes the socket with no chunked terminator: the client sees a lost connection.
        case .truncate(let after):
            _ = try startFiller(after, id: id, model: requestModel)
            try writer.end()
        case .stall(let after):
            _ = try startFiller(after, id: id, model: requestModel)
            try io.waitForClose()
        case .endlessLine(let after, let pace):
            _ = try startFiller(after, id: id, model: requestModel)
            try pause(Self.misbehaviorChunkDelay)
            try endlessLine(pace: pace)
        case .keepAlivesForever(let after, let interval):
            _ = try startFiller(after, id: id, model: requestModel)
            while true {
                try pause(interval)
                try writer.comment()
            }
        case .noAnswer:
            try io.waitForClose()
        case .openAfterUsage(let reply):
            let chunks = StubChunks(id: id, provider: reply.provider, model: reply.model ?? requestModel)
            try writer.head(status: 200, contentType: SSEWriter.eventStream, chunked: true, extra: generation)
            try streamReply(reply, chunks: chunks, thenHold: true)
        case .raw(let status, let contentType, let pieces, let delay):
            try writer.head(status: status, contentType: contentType, chunked: true)
            for (index, piece) in pieces.enumerated() {
                if index > 0 { try pause(delay) }
                try writer.chunk(Array(piece))
            }
            try writer.end()
        }
    }

    /// Writes `data: xxxx…` in 64 KiB chunks, never a line end, until the client hangs up; records the byte count.
    private func endlessLine(pace: TimeInterval) throws(SocketIO.Interruption) {
        var written = 0
        defer { server.recordEndlessLine(bytes: written) }
        let prefix = Array("data: ".utf8)
        try writer.chunk(prefix)
        written += prefix.count
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: 64 << 10)
        while true {
            try pause(pace)
            try writer.chunk(filler)
            written += filler.count
        }
    }

    /// Keep-alives, the opening chunk, reasoning, content, tool calls, finish, usage, `[DONE]`, end;
    /// with `thenHold`, no `[DONE]` and no end, but a wait until the client closes.
    private func streamReply(_ reply: StubReply, chunks: StubChunks, thenHold: Bool = false) throws(SocketIO.Interruption) {
        if reply.keepAlives > 0 {
            let spacing = reply.firstTokenDelay / Double(reply.keepAlives)
            for _ in 0..<reply.keepAlives {
                try writer.comment()
                try pause(spacing)
            }
        } else {
            try pause(reply.firstTokenDelay)
        }
        try writer.event(chunks.role())
        var pacer = Pacer(interval: reply.interChunkDelay, steady: reply.steadyRate)
        for piece in reply.reasoning {
            try pause(pacer.next())
            try writer.event(chunks.reasoning(piece))
        }
        for (index, piece) in reply.content.enumerated() {
            try pause(pacer.next())
            try writer.event(chunks.content(piece, citations: index == reply.citationsWithContent ? reply.citations : []))
        }
        for (index, call) in reply.toolCalls.enumerated() {
            for (number, fragment) in call.argumentFragments.enumerated() {
                try pause(pacer.next())
                try writer.event(chunks.toolCall(index: index, call: call, fragment: fragment, first: number == 0))
            }
        }
        let finish = reply.effectiveFinishReason
        let lateCitations = reply.citationsWithContent == nil ? reply.citations : []
        try writer.event(chunks.finish(reason: finish, native: reply.nativeFinishReason ?? finish, citations: lateCitations))
        if reply.includeUsage { try writer.event(chunks.usage(for: reply)) }
        if thenHold { try io.waitForClose() }
        try writer.done()
        try writer.end()
    }

    /// SSE headers and `count` filler content chunks (the first also carrying `role`); nothing but headers for 0.
    private func startFiller(_ count: Int, id: String, model: String) throws(SocketIO.Interruption) -> StubChunks {
        let chunks = StubChunks(id: id, provider: "Stub", model: model)
        try writer.head(status: 200, contentType: SSEWriter.eventStream, chunked: true, extra: ["X-Generation-Id": id])
        for (index, piece) in StubReply.fillerPieces(count: count).enumerated() {
            if index > 0 { try pause(Self.misbehaviorChunkDelay) }
            try writer.event(chunks.content(piece, withRole: index == 0))
        }
        return chunks
    }

    private func pause(_ seconds: TimeInterval) throws(SocketIO.Interruption) {
        if seconds > 0 { try io.pause(seconds) }
    }

    /// The wait before each delta chunk: the interval itself, or (steady) the time left until
    /// the chunk's slot on a fixed schedule that starts at the first call.
    private struct Pacer {
        let interval: TimeInterval
        let steady: Bool
        private let clock = ContinuousClock()
        private var due: ContinuousClock.Instant?

        init(interval: TimeInterval, steady: Bool) {
            self.interval = interval
            self.steady = steady
        }

        mutating func next() -> TimeInterval {
            guard steady, interval > 0 else { return interval }
            let now = clock.now
            let slot = due.map { $0 + .seconds(interval) } ?? now + .seconds(interval)
            due = slot
            let left = now.duration(to: slot)
            return Double(left.components.seconds) + Double(left.components.attoseconds) * 1e-18
        }
    }
}
