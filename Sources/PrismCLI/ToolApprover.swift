import Foundation
import PrismCore
#if canImport(Glibc)
import Glibc
#endif

/// Decides `prism ask`'s tool calls: all of them with `--yes`; otherwise each on the terminal,
/// remembering "always" answers for the rest of the run; with no terminal to ask on, none
/// (one line on stderr each; the model is told the call was denied).
final class ToolApprover: @unchecked Sendable {
    enum Mode {
        /// `--yes`.
        case approveAll
        /// Ask through this terminal.
        case ask(any ApprovalTerminal)
        /// Nobody to ask: stdin is not a terminal and /dev/tty cannot be opened, or `CI` is set.
        case refuse
    }

    let mode: Mode
    private let lock = NSLock()
    private var remembered = SessionTools()

    init(mode: Mode) {
        self.mode = mode
    }

    /// `--yes`, else the terminal (stdin's, or /dev/tty when stdin is a pipe), else refuse.
    static func live(yes: Bool, environment: [String: String]) -> ToolApprover {
        if yes { return ToolApprover(mode: .approveAll) }
        if let ci = environment["CI"], !ci.isEmpty, ci != "0", ci != "false" { return ToolApprover(mode: .refuse) }
        guard let tty = DevTTY.open() else { return ToolApprover(mode: .refuse) }
        return ToolApprover(mode: .ask(tty))
    }

    func approve(_ step: ToolStep) async -> ToolApproval {
        let server = step.server ?? "", tool = step.tool ?? ""
        let name = TerminalSanitizer.metadata(SessionTools.key(server: server, tool: tool))
        switch mode {
        case .approveAll:
            return .preapproved
        case .refuse:
            StandardIO.error("prism: tool call \(name) refused: no terminal to ask on (--yes runs tool calls without asking)")
            return .denied
        case .ask(let terminal):
            if lock.withLock({ remembered.isPreapproved(server: server, tool: tool) }) { return .preapproved }
            let question = "run \(name) \(TerminalSanitizer.metadata(ToolCall.compact(step.call.arguments)))? "
                + "[y]es once / [a]lways this tool / [s]erver / [n]o "
            let answer = Self.approval(for: await terminal.ask(question))
            lock.withLock { remembered.remember(answer, server: server, tool: tool) }
            return answer
        }
    }

    /// y/yes: once; a: always this tool; s: always this server; anything else (and no answer): no.
    static func approval(for answer: String?) -> ToolApproval {
        switch answer?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "y", "yes": .once
        case "a", "always": .alwaysTool
        case "s", "server": .alwaysServer
        default: .denied
        }
    }
}

/// Where a question is asked and its one-line answer read.
protocol ApprovalTerminal: Sendable {
    /// The answer, or nil when the terminal closed or the task was cancelled.
    func ask(_ question: String) async -> String?
}

/// The controlling terminal, opened as /dev/tty, so questions work while stdin is a pipe.
struct DevTTY: ApprovalTerminal {
    let fd: Int32

    static func open() -> DevTTY? {
        let fd = Glibc.open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        return fd >= 0 ? DevTTY(fd: fd) : nil
    }

    func ask(_ question: String) async -> String? {
        let bytes = Array(question.utf8)
        _ = bytes.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count) }
        var line: [UInt8] = []
        // Poll in short steps, so Ctrl-C (which cancels the turn) is not stuck behind a read.
        while !Task.isCancelled {
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&pfd, 1, 200)
            if ready < 0, errno != EINTR { return nil }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            guard Glibc.read(fd, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }
}
