import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// What a message carries besides its text stays on screen after it is sent.
@Suite("Transcript: attachments and tool calls")
struct MessageExtrasTests {
    @Test func aSentAttachmentShowsOnThePromptWithNameKindAndSize() {
        let h = ReducerHarness(model: "openai/gpt-4o")
        let file = Attachment(kind: .file, source: "/home/u/notes.md", mimeType: "text/markdown", byteSize: 2_048)
        h.send(.attachmentChecked(file, typed: "~/notes.md"))
        h.command("summarise this")
        #expect(h.state.pendingAttachments.isEmpty)
        let screen = h.screen()
        #expect(screen.contains("attached: notes.md · text/markdown · 2.0 KiB"), "\(screen)")
    }

    @Test func aReplyOfOnlyToolCallsShowsEachCall() {
        let h = ReducerHarness()
        h.command("weather in Paris?")
        var reply = Reply()
        reply.finishReason = "tool_calls"
        reply.toolCalls = [ToolCall(index: 0, id: "c1", name: "get_weather", arguments: "{\n  \"city\": \"Paris\"\n}"),
                           ToolCall(index: 1, name: "bad\u{1B}]0;x", arguments: "{}")]
        h.send(.completion(requestID: 1, event: .finished(reply)))
        let screen = h.screen()
        #expect(screen.contains("tool call: get_weather({\"city\":\"Paris\"})"), "\(screen)")
        #expect(screen.contains("tool call: bad␛]0;x({})"))
        #expect(!screen.contains("waiting for the first token"))
    }
}
