import Foundation
import Testing
@testable import PrismCore

struct SessionExportTests {
    @Test func markdownShowsTheCurrentBranch() {
        var session = sampleSession(title: "Monads")
        var failed = Message(id: "m5", parentID: "m4", role: .assistant, content: "You're wel", createdAt: sessionTestDate(5))
        var reply = Reply()
        reply.content = failed.content
        reply.model = "openai/gpt-4o"
        reply.failure = ReplyFailure(kind: .http, status: 429, message: "Rate limited", provider: "OpenAI")
        failed.apply(reply)
        session.append(failed)
        let markdown = SessionExporter.markdown(session)

        #expect(markdown.hasPrefix("# Monads\n\n_openai/gpt-4o · 2026-11-22 02:51 UTC · total $0.0000945 (estimated) · 5 messages_\n"))
        #expect(markdown.contains("**System prompt:**\n\n> Be brief.\n"))
        #expect(markdown.contains("## You\n\nWhat is a monad?\nExplain simply.\n"))
        #expect(markdown.contains("- Attachment: `diagram.png · image/png`"))
        #expect(markdown.contains("## anthropic/claude-sonnet-4\n\n_5 out tokens · $0.0000015 (estimated)_\n\nIt wraps values.\n"))
        #expect(markdown.contains("## You\n\nThanks\n"))
        #expect(markdown.contains("> **Failed:** HTTP 429 Rate limited (provider: OpenAI)"))
        // The first reply is on another branch.
        #expect(!markdown.contains("A monad is a pattern."))
    }

    @Test func markdownShowsAttachmentsWithSizeAndToolCallsCompactly() {
        var session = Session(id: "20261122-025100-0000", createdAt: sessionTestDate())
        session.append(Message(id: "u", parentID: nil, role: .user, content: "Weather?", attachments: [
            Attachment(kind: .file, source: "/home/u/report.pdf", mimeType: "application/pdf", byteSize: 12_700),
            Attachment(kind: .image, source: "/tmp/tiny.png", mimeType: "image/png", byteSize: 512),
        ], createdAt: sessionTestDate(1)))
        var reply = Message(id: "a", parentID: "u", role: .assistant, content: "", createdAt: sessionTestDate(2))
        reply.status = .complete
        reply.toolCalls = [ToolCall(index: 0, name: "get_weather", arguments: "{\n  \"city\": \"Paris `x`\",\n  \"days\": 2\n}"),
                           ToolCall(index: 1, name: "evil\u{1B}[2J", arguments: "{}")]
        session.append(reply)
        let markdown = SessionExporter.markdown(session)
        #expect(markdown.contains("- Attachment: `report.pdf · application/pdf · 12.4 KiB`\n- Attachment: `tiny.png · image/png · 512 B`\n"))
        #expect(markdown.contains("- Tool call: ``get_weather({\"city\":\"Paris `x`\",\"days\":2})``\n"))
        #expect(markdown.contains("- Tool call: `evil␛[2J({})`"), "the escape is shown, not sent: \(markdown)")
    }

    @Test func aCompareSessionShowsEveryPaneAfterTheSharedPrompt() {
        var s = Session(id: "20261122-025100-0000", createdAt: sessionTestDate())
        s.startCompare(models: ["a/one", "b/two"])
        var n = 0
        let make = { n += 1; return "c\(n)" }
        s.appendRound("first", at: sessionTestDate(1), makeID: make)
        s.appendRound("second", at: sessionTestDate(2), makeID: make)
        for (id, text) in [("c2", "one says 1"), ("c3", "two says 1"), ("c5", "one says 2"), ("c7", "two says 2")] {
            var m = s.message(id)!
            m.content = text
            m.status = .complete
            s.update(m, at: sessionTestDate(3))
        }
        let markdown = SessionExporter.markdown(s)
        let order = ["## You\n\nfirst\n", "## Pane 1 of 2: a/one\n", "one says 1", "second", "one says 2",
                     "## Pane 2 of 2: b/two\n", "two says 1", "second", "two says 2"]
        var from = markdown.startIndex
        for piece in order {
            let found = markdown.range(of: piece, range: from..<markdown.endIndex)
            #expect(found != nil, "\(piece) in order in \(markdown)")
            from = found?.upperBound ?? from
        }
        #expect(markdown.components(separatedBy: "## You\n\nfirst\n").count == 2, "the shared prompt once")
    }

    @Test func sizesAndCompactArguments() {
        #expect(Attachment.size(0) == "0 B" && Attachment.size(1023) == "1023 B")
        #expect(Attachment.size(1024) == "1.0 KiB" && Attachment.size(3 * 1024 * 1024) == "3.0 MiB")
        #expect(ToolCall(index: 0, name: "f", arguments: "{ \"a b\" : [1, 2] }").summary() == "f({\"a b\":[1,2]})")
        #expect(ToolCall(index: 0, arguments: "{\"s\":\"\\\" x\"}").summary() == "?({\"s\":\"\\\" x\"})")
        #expect(ToolCall(index: 0, name: "f", arguments: String(repeating: "a", count: 50)).summary(limit: 10) == "f(aaaaaaaaa…)")
    }

    @Test func markdownWithAllBranches() {
        let markdown = SessionExporter.markdown(sampleSession(), branchOnly: false)
        #expect(markdown.contains("## openai/gpt-4o-2024-08-06 (OpenAI) (1 of 2)\n\n_12 in · 30 out tokens · $0.000093 · 1.2 s · 48 tok/s_\n\n"))
        #expect(markdown.contains("<details>\n<summary>Reasoning</summary>\n\nThink of Maybe.\n\n</details>\n\nA monad is a pattern.\n"))
        #expect(markdown.contains("## anthropic/claude-sonnet-4 (2 of 2)"))
        let first = markdown.range(of: "A monad is a pattern.")!.lowerBound
        let second = markdown.range(of: "It wraps values.")!.lowerBound
        let thanks = markdown.range(of: "Thanks")!.lowerBound
        #expect(first < second && second < thanks)
    }

    @Test func markdownMarksCancelledAndInterruptedReplies() throws {
        var session = Session(id: "20261122-025100-0000", createdAt: sessionTestDate())
        session.append(Message(id: "u", parentID: nil, role: .user, content: "Hi", createdAt: sessionTestDate(1)))
        var cancelled = Message(id: "a", parentID: "u", role: .assistant, content: "Hel", createdAt: sessionTestDate(2))
        cancelled.status = .cancelled
        cancelled.failure = .cancelled
        session.append(cancelled)
        var streaming = Message(id: "b", parentID: "u", role: .assistant, content: "Hello th", createdAt: sessionTestDate(3))
        streaming.status = .streaming
        session.append(streaming)
        var signalled = Message(id: "c", parentID: "u", role: .assistant, content: "Hi th", createdAt: sessionTestDate(4))
        signalled.status = .cancelled
        signalled.failure = ReplyFailure(kind: .cancelled, message: "interrupted: Prism received SIGTERM")
        session.append(signalled)
        let reloaded = try SessionCodec.decode(try SessionExporter.json(session))
        let markdown = SessionExporter.markdown(reloaded, branchOnly: false)
        #expect(markdown.hasPrefix("# Hi\n"))
        #expect(markdown.contains("> **Cancelled:** the reply was stopped before it finished."))
        #expect(markdown.contains("> **Failed:** interrupted: Prism stopped before the reply finished"))
        #expect(markdown.contains("> **Interrupted:** Prism received SIGTERM before the reply finished."))
        #expect(SessionExporter.markdown(Session(id: "x", createdAt: sessionTestDate())).hasPrefix("# Untitled session\n"))
    }

    @Test func jsonIsTheSessionFile() throws {
        try withSessionSandbox { sandbox in
            let session = sampleSession()
            try sandbox.store().save(session)
            let exported = try SessionExporter.json(session)
            #expect(exported == (try Data(contentsOf: sandbox.file(session.id))))
            #expect(try SessionCodec.decode(exported) == session)
        }
    }
}
