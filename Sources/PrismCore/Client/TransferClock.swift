import Foundation

/// The deadlines of one URLSession transfer, as `CurlTransport`'s progress callback keeps them.
///
/// URLSession does not say when the connection is made; the first body byte it sends is
/// the sign. Until then the connect timeout runs, and the first-byte timeout after it. A
/// request without a body (a GET) gives no sign, so for it the two add up into one
/// deadline for the response head, reported as the first-byte timeout.
struct TransferClock {
    private enum Phase { case connecting, sent, responding }

    private let connect: TimeInterval
    private let firstByte: TimeInterval
    private let idle: TimeInterval
    private let hasBody: Bool
    private var phase = Phase.connecting
    private var last = Date()

    init(_ request: HTTPRequest) {
        connect = request.connectTimeout
        firstByte = request.firstByteTimeout
        idle = request.idleTimeout
        hasBody = !(request.body?.isEmpty ?? true)
    }

    /// How often to check: a tenth of the shortest limit, between 50 ms and 1 s.
    var tick: DispatchTimeInterval {
        let limits = [connect, firstByte, idle].filter { $0 > 0 }
        let seconds = min(1, max(0.05, (limits.min() ?? 10) / 10))
        return .milliseconds(Int(seconds * 1000))
    }

    /// Body bytes went out: connected.
    mutating func sent() {
        guard phase != .responding else { return }
        phase = .sent
        last = Date()
    }

    /// Something arrived (the head or a body piece).
    mutating func received() {
        phase = .responding
        last = Date()
    }

    /// The timeout that has expired, if any.
    func expired(now: Date = Date()) -> HTTPTimeout? {
        let waited = now.timeIntervalSince(last)
        switch phase {
        case .connecting where hasBody:
            return connect > 0 && waited > connect ? .connect(connect) : nil
        case .connecting:
            let limit = connect + firstByte
            return firstByte > 0 && waited > limit ? .firstByte(firstByte) : nil
        case .sent:
            return firstByte > 0 && waited > firstByte ? .firstByte(firstByte) : nil
        case .responding:
            return idle > 0 && waited > idle ? .idle(idle) : nil
        }
    }
}

