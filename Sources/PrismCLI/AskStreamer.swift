import Foundation
import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// Prints a reply to stdout as it streams, and cancels it on Ctrl-C.
///
/// On a terminal, text goes through the terminal sanitizer before it is written, so a
/// hostile reply cannot drive the terminal; to a pipe or file it is written exactly
/// as the model sent it (the reader is a program, and `prism ask > out.txt` should
/// hold the real reply). Reasoning is shown dim on stderr, and only when stderr is a
/// terminal, so pipes receive the answer alone.
///
/// Events come one at a time (`handle`), so a tool turn's rounds print through the same
/// streamer; `endRound` closes a round's line before tool progress goes to stderr.
final class AskStreamer: @unchecked Sendable {
    let json: Bool
    /// Where the reply's text goes first when the exchange is saved (`--save`).
    let journal: ReplyJournal?
    /// Called when the reader of stdout went away (a closed pipe): stop the reply.
    var onClosedOutput: @Sendable () -> Void = {}

    private let showReasoning: Bool
    private let cleanOutput = StandardIO.stdoutIsTerminal
    private var endedWithNewline = true
    private var wroteAny = false
    private var inReasoning = false
    private(set) var reply = Reply()

    init(json: Bool, journal: ReplyJournal?) {
        self.json = json
        self.journal = journal
        showReasoning = !json && StandardIO.stderrIsTerminal
    }

    func run(_ stream: ChatStream) async -> Reply {
        onClosedOutput = { stream.cancel() }
        for await event in stream { handle(event) }
        finish()
        return reply
    }

    func handle(_ event: CompletionEvent) {
        journal?.record(event)
        switch event {
        case .contentDelta(let text) where !json:
            closeReasoning()
            let safe = cleanOutput ? TerminalSanitizer.forTerminal(text) : text
            if !StandardIO.out(safe) { onClosedOutput() }
            wroteAny = true
            endedWithNewline = safe.hasSuffix("\n")
        case .reasoningDelta(let text) where showReasoning:
            if !inReasoning { StandardIO.errorRaw("\u{1B}[2m"); inReasoning = true }
            StandardIO.errorRaw(TerminalSanitizer.forTerminal(text))
        case .retrying(let attempt, let delay, let reason) where !json:
            StandardIO.error("prism: attempt \(attempt) failed (\(TerminalSanitizer.metadata(reason.oneLine))); retrying in \(String(format: "%.1f", delay))s")
        case .finished(let r):
            reply = r
        default:
            break
        }
    }

    /// Ends the round's output lines, so what is written next starts on a line of its own.
    func endRound() {
        closeReasoning()
        if wroteAny, !endedWithNewline { StandardIO.out("\n"); endedWithNewline = true }
    }

    func finish() {
        if inReasoning { StandardIO.errorRaw("\u{1B}[0m\n"); inReasoning = false }
        if wroteAny, !endedWithNewline { StandardIO.out("\n") }
    }

    private func closeReasoning() {
        if inReasoning { StandardIO.errorRaw("\u{1B}[0m\n\n"); inReasoning = false }
    }
}
