import Foundation
import PrismCore

/// Runs several chat requests at once and returns their replies in request order.
///
/// Ctrl-C, SIGTERM and SIGHUP cancel every stream (each reply keeps its partial text,
/// marked cancelled or interrupted). On a terminal, one stderr line shows each model's
/// progress while they stream. With `--save`, each reply streams into its journal and
/// `finished` is called (to save it) as soon as that model is done.
struct CompareRun {
    let client: OpenRouterClient
    let requests: [ChatRequest]
    let showProgress: Bool
    var journals: [ReplyJournal?] = []
    var finished: @Sendable (Int, Reply) -> Void = { _, _ in }

    /// The replies in request order, and the signal's note when one stopped them.
    func run() async -> (replies: [Reply], interruption: ReplyFailureNote?) {
        let streams = requests.map { client.streamChat($0) }
        let progress = CompareProgress(models: requests.map(\.model), enabled: showProgress)
        let signals = SignalWatcher { streams.forEach { $0.cancel() } }
        defer { signals.stop() }
        let journals = requests.indices.map { $0 < self.journals.count ? self.journals[$0] : nil }
        let finished = self.finished
        let replies = await withTaskGroup(of: (Int, Reply).self) { group in
            for (index, stream) in streams.enumerated() {
                let journal = journals[index]
                group.addTask {
                    var reply = Reply()
                    for await event in stream {
                        journal?.record(event)
                        switch event {
                        case .contentDelta(let text), .reasoningDelta(let text): progress.received(index, characters: text.count)
                        case .finished(let r): reply = r
                        default: break
                        }
                    }
                    if let note = signals.note, reply.failure?.kind == .cancelled { reply.failure?.message = note.message }
                    progress.finished(index, reply)
                    finished(index, reply)
                    return (index, reply)
                }
            }
            var out = Array(repeating: Reply(), count: streams.count)
            for await (index, reply) in group { out[index] = reply }
            return out
        }
        progress.clear()
        return (replies, signals.note)
    }
}

/// The live progress line on stderr: `⠹ gpt-5-mini 312 chars · claude-haiku done · …`.
final class CompareProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let models: [String]
    private let enabled: Bool
    private var characters: [Int]
    private var done: [String?]
    private var frame = 0
    private var lastDraw = Date.distantPast

    init(models: [String], enabled: Bool) {
        self.models = models
        self.enabled = enabled
        characters = Array(repeating: 0, count: models.count)
        done = Array(repeating: nil, count: models.count)
    }

    func received(_ index: Int, characters count: Int) {
        lock.withLock {
            characters[index] += count
            draw(force: false)
        }
    }

    func finished(_ index: Int, _ reply: Reply) {
        lock.withLock {
            done[index] = reply.succeeded ? "done" : (reply.failure?.kind == .cancelled ? "cancelled" : "failed")
            draw(force: true)
        }
    }

    func clear() {
        guard enabled else { return }
        StandardIO.errorRaw("\r\u{1B}[2K")
    }

    private func draw(force: Bool) {
        guard enabled, force || Date().timeIntervalSince(lastDraw) > 0.08 else { return }
        lastDraw = Date()
        frame += 1
        let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"][frame % 10]
        let parts = models.indices.map { i in
            "\(models[i].split(separator: "/").last.map(String.init) ?? models[i]) \(done[i] ?? "\(characters[i]) chars")"
        }
        StandardIO.errorRaw("\r\u{1B}[2K\u{1B}[2m\(spinner) \(TerminalSanitizer.metadata(parts.joined(separator: " · ")))\u{1B}[0m")
    }
}
