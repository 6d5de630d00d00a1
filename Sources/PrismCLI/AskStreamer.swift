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
struct AskStreamer {
    var json: Bool
    /// Where the reply's text goes first when the exchange is saved (`--save`).
    var journal: ReplyJournal?

    func run(_ stream: ChatStream) async -> Reply {
        let showReasoning = !json && StandardIO.stderrIsTerminal
        let cleanOutput = StandardIO.stdoutIsTerminal
        var reply = Reply()
        var endedWithNewline = true
        var wroteAny = false
        var inReasoning = false
        for await event in stream {
            journal?.record(event)
            switch event {
            case .contentDelta(let text) where !json:
                if inReasoning { StandardIO.errorRaw("\u{1B}[0m\n\n"); inReasoning = false }
                let safe = cleanOutput ? TerminalSanitizer.forTerminal(text) : text
                if !StandardIO.out(safe) {
                    stream.cancel() // the reader went away (closed pipe)
                }
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
        if inReasoning { StandardIO.errorRaw("\u{1B}[0m\n") }
        if wroteAny, !endedWithNewline { StandardIO.out("\n") }
        return reply
    }
}
