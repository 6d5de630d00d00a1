#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A stub OpenRouter/OpenAI-compatible HTTP server on 127.0.0.1, built on POSIX sockets and threads.
///
/// Why: the real HTTP client (URLSession) and the `prism` binary are tested over real sockets
/// against a server that streams exactly like OpenRouter and misbehaves on demand, without
/// network access or a heavy server framework. All state is guarded by one `NSCondition`.
public final class StubServer: @unchecked Sendable {
    /// When set, every request must carry `Authorization: Bearer <requiredKey>` or gets 401.
    public let requiredKey: String?

    private let state = NSCondition()
    private var listenFD: Int32 = -1
    private var boundPort = 0
    private var stopping = false
    private var queue: [StubBehavior] = []
    private var recorded: [RecordedRequest] = []
    private var disconnects: [Date] = []
    private var endlessLines: [Int] = []
    private var openFDs: Set<Int32> = []
    private var liveThreads = 0
    private var generations = 0
    private var modelsOverride: Data?
    private var keyOverride: Data?
    private var echoesCredentials = false
    private var credits = StubCreditsMode.standard
    private var generationLookups = StubGenerationMode.available
    private var served: [String: StubGeneration] = [:]
    private var notFoundSent = 0

    public init(requiredKey: String? = nil) {
        self.requiredKey = requiredKey
    }

    // MARK: Lifecycle

    /// Binds 127.0.0.1 (`port` 0 = an ephemeral port), starts accepting on a background thread, returns the port.
    @discardableResult
    public func start(port: Int = 0) throws -> Int {
        try locked {
            guard listenFD < 0, !stopping else { throw StubServerError(message: "the server was already started") }
        }
        let fd = try Self.makeListener(port: port)
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let actualPort = Int(UInt16(bigEndian: address.sin_port))
        locked {
            listenFD = fd
            boundPort = actualPort
            liveThreads += 1
        }
        let thread = Thread { [self] in acceptLoop(fd) }
        thread.name = "StubServer.accept"
        thread.start()
        return actualPort
    }

    /// The port `start` bound, or 0 before.
    public var port: Int { locked { boundPort } }

    /// `http://127.0.0.1:PORT/api/v1`; routes also work without the `/api/v1` prefix.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(port)/api/v1")!
    }

    /// Stops accepting, cuts every open connection and waits (at most ~3 s) for all threads to end.
    public func stop() {
        state.lock()
        defer { state.unlock() }
        stopping = true
        for fd in openFDs { shutdown(fd, Int32(SHUT_RDWR)) }
        state.broadcast()
        let deadline = Date().addingTimeInterval(3)
        while liveThreads > 0 && state.wait(until: deadline) {}
    }

    var isStopping: Bool { locked { stopping } }

    // MARK: Test controls

    /// Queues the behavior of the next `/chat/completions` request (FIFO). With an empty queue the
    /// request's `model` picks a built-in stub model (`StubModels`).
    public func enqueue(_ behavior: StubBehavior) {
        locked { queue.append(behavior) }
    }

    /// Queues several behaviors in order.
    public func enqueue(contentsOf behaviors: [StubBehavior]) {
        locked { queue.append(contentsOf: behaviors) }
    }

    /// Queued behaviors not yet used.
    public var pendingBehaviors: Int { locked { queue.count } }

    /// Every request received, in order.
    public var requests: [RecordedRequest] { locked { recorded } }

    /// The `/chat/completions` requests received, in order.
    public var chatRequests: [RecordedRequest] { requests.filter { $0.route == "/chat/completions" } }

    /// When each client hung up before its response was complete (during a stream, delay or stall).
    public var clientDisconnects: [Date] { locked { disconnects } }

    /// Waits until at least `count` client disconnects have been recorded; false on timeout.
    public func waitForClientDisconnect(count: Int = 1, timeout: TimeInterval) -> Bool {
        waitUntil(timeout: timeout) { disconnects.count >= count }
    }

    /// Waits until at least `count` requests have been received; false on timeout.
    public func waitForRequests(count: Int, timeout: TimeInterval) -> Bool {
        waitUntil(timeout: timeout) { recorded.count >= count }
    }

    /// Like `waitForClientDisconnect`, but suspends instead of blocking a thread, so async
    /// tests never starve the small cooperative pool of a 2-core machine.
    public func waitForClientDisconnect(count: Int = 1, timeout: TimeInterval) async -> Bool {
        await pollUntil(timeout: timeout) { self.clientDisconnects.count >= count }
    }

    /// Like `waitForRequests`, but suspends instead of blocking a thread.
    public func waitForRequests(count: Int, timeout: TimeInterval) async -> Bool {
        await pollUntil(timeout: timeout) { self.requests.count >= count }
    }

    private func pollUntil(timeout: TimeInterval, _ condition: @Sendable () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    /// Replaces the `GET /models` body (a fixture); nil restores the built-in catalog.
    public var modelsPayload: Data? {
        get { locked { modelsOverride } }
        set { locked { modelsOverride = newValue } }
    }

    /// Replaces the `GET /key` body; nil restores the built-in one.
    public var keyPayload: Data? {
        get { locked { keyOverride } }
        set { locked { keyOverride = newValue } }
    }

    /// When true, every request is refused with a 401 that quotes its credentials back
    /// (`StubBehavior.credentialEchoBody`), like a hostile or careless server. The model
    /// `stub/echo-key` does the same for one chat request.
    public var echoesCredentialsBack: Bool {
        get { locked { echoesCredentials } }
        set { locked { echoesCredentials = newValue } }
    }
    /// How `GET /credits` answers (default: $25 bought, $12.66 used).
    public var creditsMode: StubCreditsMode {
        get { locked { credits } }
        set { locked { credits = newValue } }
    }

    /// How `GET /generation` answers for generations this server served (others are always 404).
    public var generationMode: StubGenerationMode {
        get { locked { generationLookups } }
        set { locked { generationLookups = newValue; notFoundSent = 0 } }
    }

    /// The `/generation` requests received, in order.
    public var generationRequests: [RecordedRequest] { requests.filter { $0.route == "/generation" } }

    /// Bytes each `.endlessLine` response wrote before its client hung up, in order.
    public var endlessLineBytes: [Int] { locked { endlessLines } }

    /// Forgets recorded requests and disconnects (queued behaviors stay).
    public func clearRecords() {
        locked {
            recorded.removeAll()
            disconnects.removeAll()
            endlessLines.removeAll()
        }
    }

    // MARK: Internals used by connections

    /// Records `request` and decides the response.
    func route(_ request: RecordedRequest) -> StubAction {
        state.lock()
        defer { state.unlock() }
        recorded.append(request)
        state.broadcast()
        if echoesCredentials || (request.route == "/chat/completions" && request.model == StubModels.echoKey) {
            return .fixed(status: 401, body: Data(StubBehavior.credentialEchoBody(for: request).utf8), headers: [:])
        }
        if let requiredKey, request.header("authorization") != "Bearer \(requiredKey)" {
            return Self.error(401, "No auth credentials found")
        }
        switch (request.method, request.route) {
        case ("GET", "/models"):
            return .fixed(status: 200, body: modelsOverride ?? StubModels.modelsPayload(), headers: [:])
        case ("GET", "/key"):
            return .fixed(status: 200, body: keyOverride ?? StubModels.keyPayload(), headers: [:])
        case ("GET", let route) where route.hasPrefix("/models/") && route.hasSuffix("/endpoints"):
            // `/models/{author}/{slug}/endpoints`, the id percent-decoded as a server would.
            let id = String(route.dropFirst("/models/".count).dropLast("/endpoints".count)).removingPercentEncoding ?? ""
            guard let body = StubModels.endpointsPayload(for: id) else { return Self.error(404, "No endpoints found for \(id)") }
            return .fixed(status: 200, body: body, headers: [:])
        case ("GET", "/credits"):
            return credits.action
        case ("GET", "/generation"):
            return generationAction(query: request.query)
        case ("POST", "/chat/completions"):
            let model = request.model ?? StubModels.echo
            let stream = request["stream"] as? Bool ?? false
            if !queue.isEmpty {
                return .behavior(queue.removeFirst(), model: model, stream: stream)
            }
            if let routed = StubModels.routed(request) {
                return .behavior(routed.behavior, model: routed.model, stream: stream)
            }
            return Self.error(400, "\(model) is not a valid model ID")
        default:
            return Self.error(404, "Not Found: \(request.method) \(request.path)")
        }
    }

    func recordEndlessLine(bytes: Int) {
        locked { endlessLines.append(bytes) }
    }

    func recordClientDisconnect() {
        locked {
            disconnects.append(Date())
            state.broadcast()
        }
    }

    /// `gen-<epoch>-<n>`, unique per response.
    func nextGenerationID() -> String {
        locked {
            generations += 1
            return "gen-\(Int(Date().timeIntervalSince1970))-stub\(generations)"
        }
    }

    /// Remembers what generation `id` was (its model and what it costs), for `/generation`.
    func recordGeneration(id: String, model: String, behavior: StubBehavior) {
        locked { served[id] = StubGeneration(id: id, model: model, behavior: behavior) }
    }

    /// The answer to `/generation?id=…` under the current mode; the caller holds the lock.
    private func generationAction(query: String?) -> StubAction {
        let id = (query ?? "").split(separator: "&").compactMap { pair -> String? in
            let parts = pair.split(separator: "=", maxSplits: 1)
            return parts.count == 2 && parts[0] == "id" ? String(parts[1]).removingPercentEncoding : nil
        }.first
        switch generationLookups {
        case .failing:
            return Self.error(500, "Internal Server Error")
        case .missing:
            return Self.error(404, "Generation not found")
        case .late(let count) where notFoundSent < count:
            notFoundSent += 1
            return Self.error(404, "Generation not found")
        case .available, .late:
            guard let id, let generation = served[id] else { return Self.error(404, "Generation not found") }
            return .fixed(status: 200, body: generation.payload, headers: [:])
        }
    }

    /// Called by a connection just before it closes its socket, so `stop()` no longer touches the fd.
    func connectionWillClose(fd: Int32) {
        locked { _ = openFDs.remove(fd) }
    }

    // MARK: Private

    private static func error(_ status: Int, _ message: String) -> StubAction {
        .fixed(status: status, body: Data(StubBehavior.openRouterErrorBody(code: .int(status), message: message).utf8),
               headers: [:])
    }

    private func acceptLoop(_ listener: Int32) {
        defer { threadEnded() }
        while !isStopping {
            var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 50) > 0 else { continue }
            let fd = accept(listener, nil, nil)
            guard fd >= 0 else {
                usleep(10_000)  // e.g. EMFILE: back off instead of spinning on a readable listener
                continue
            }
            let admitted: Bool = locked {
                guard !stopping else { return false }
                openFDs.insert(fd)
                liveThreads += 1
                return true
            }
            guard admitted else {
                close(fd)
                break
            }
            let thread = Thread { [self] in
                StubConnection(fd: fd, server: self).run()
                threadEnded()
            }
            thread.name = "StubServer.connection"
            thread.start()
        }
        close(listener)
    }

    private func threadEnded() {
        locked {
            liveThreads -= 1
            state.broadcast()
        }
    }

    private func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) -> Bool {
        state.lock()
        defer { state.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if !state.wait(until: deadline) { return condition() }
        }
        return true
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        state.lock()
        defer { state.unlock() }
        return try body()
    }

    /// A listening TCP socket on 127.0.0.1:`port`.
    private static func makeListener(port: Int) throws -> Int32 {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw StubServerError(message: "socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw StubServerError(message: "cannot listen on 127.0.0.1:\(port): \(message)")
        }
        return fd
    }
}

/// Why the stub server could not start.
public struct StubServerError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "StubServer: \(message)" }
}
