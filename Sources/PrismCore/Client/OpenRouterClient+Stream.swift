import Foundation

extension OpenRouterClient {
    /// Reads an event-stream body to its end while watching for idleness; returns the
    /// transport's failure, if it had one.
    ///
    /// The idle timeout of a chat stream counts events, not bytes: OpenRouter sends
    /// keep-alive comments while a provider is queued or a model thinks silently, and a
    /// server could send them forever. When no event arrives for `idleTimeout` seconds,
    /// the watch records a timeout in `decoding` and cancels the reading, which closes
    /// the connection. A body that went to the transport's sink is decoded there; this
    /// task then only waits for the end.
    func readEventStream(_ response: HTTPResponse, decoding: EventStreamDecoding) async -> ReplyFailure? {
        let body = response.body
        let decodedBySink = response.bodyWentToSink
        let idle = configuration.idleTimeout
        return await withTaskGroup(of: BodyOutcome.self) { group in
            group.addTask {
                do {
                    for try await piece in body {
                        if !decodedBySink, !decoding.feed(piece) { break }
                        if Task.isCancelled { break }
                    }
                    return .ended(nil)
                } catch {
                    return .ended(Self.failure(from: error))
                }
            }
            if idle > 0 {
                group.addTask { await Self.watchIdle(decoding, timeout: idle) ? .watchFired : .watchStopped }
            }
            var result: ReplyFailure?
            for await outcome in group {
                switch outcome {
                case .ended(let failure):
                    result = failure
                    group.cancelAll()
                case .watchFired:
                    group.cancelAll()
                case .watchStopped:
                    break
                }
            }
            return result
        }
    }

    private enum BodyOutcome: Sendable {
        case ended(ReplyFailure?)
        case watchFired
        case watchStopped
    }

    /// Waits until no event has arrived for `timeout` seconds (then expires `decoding` and
    /// returns true) or until cancelled (false). Wakes about ten times per timeout, at most
    /// once a second: the events themselves pay only a counter increment.
    private static func watchIdle(_ decoding: EventStreamDecoding, timeout: TimeInterval) async -> Bool {
        let tick = min(1, max(0.02, timeout / 10))
        let clock = ContinuousClock()
        var seen = decoding.progress
        var quietSince = clock.now
        var keepAlivesAtQuiet = seen.keepAlives
        while !Task.isCancelled {
            do { try await Task.sleep(for: .seconds(tick)) } catch { return false }
            let now = clock.now
            let progress = decoding.progress
            if progress.events != seen.events {
                quietSince = now
                keepAlivesAtQuiet = progress.keepAlives
            } else if now - quietSince >= .seconds(timeout) {
                let failure = timeoutFailure(.idle(timeout), onlyKeepAlives: progress.keepAlives > keepAlivesAtQuiet)
                return decoding.expire(failure)
            }
            seen = progress
        }
        return false
    }

    /// The failure for an expired timeout: which one, how long, and the setting that changes it.
    ///
    /// `code` holds the setting's name (`--json` shows it; `RetryPolicy` reads it: only a
    /// connect timeout is retried).
    static func timeoutFailure(_ timeout: HTTPTimeout, onlyKeepAlives: Bool) -> ReplyFailure {
        let key = switch timeout {
        case .connect: "connect_timeout"
        case .firstByte: "first_byte_timeout"
        case .idle: "idle_timeout"
        }
        var what = timeout.description
        if case .idle(let seconds) = timeout, onlyKeepAlives {
            what = "no reply content for \(LimitText.seconds(seconds)), only keep-alive comments"
        }
        return ReplyFailure(kind: .timeout, code: key, message: "\(what) (set \(key) in config.toml to wait longer)")
    }

    /// "redirect to <where> refused (…)": where the server pointed, without any user or password in it.
    func redirectMessage(_ head: HTTPResponseHead) -> String {
        let target = head.headers["location"].flatMap { Self.displayLocation($0, base: configuration.baseURL) }
        return "redirect to \(target ?? "another address") refused (Prism does not follow redirects: check the base URL)"
    }

    /// A `Location` made absolute against `base`, with credentials removed; nil if unreadable.
    static func displayLocation(_ location: String, base: URL) -> String? {
        let trimmed = location.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
              var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return nil }
        parts.user = nil
        parts.password = nil
        guard var text = parts.string else { return nil }
        if text.count > 200 { text = String(text.prefix(200)) + "…" }
        return text
    }
}
