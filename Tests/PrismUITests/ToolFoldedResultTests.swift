import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A folded tool result says something: a JSON result on one line (not a pretty-printed
/// object's lone `{`), text its first line with ` …` for the rest; Alt-I shows it whole.
@Suite struct ToolFoldedResultTests {
    @Test func jsonIsSqueezedOntoOneLineAndTextShowsItsFirstLine() {
        let json = "{\n  \"timezone\": \"Europe/Oslo\",\n  \"datetime\": \"2026-12-03T15:00:00+01:00\"\n}\n"
        #expect(ToolLines.folded(json) == (#"{"timezone":"Europe/Oslo","datetime":"2026-12-03T15:00:00+01:00"}"#, ""))
        #expect(ToolLines.folded("\ncommit abc\nAuthor: A\n") == ("commit abc", " …"))
        #expect(ToolLines.folded("{ not json\nsecond") == ("{ not json", " …"))
        #expect(ToolLines.folded("one line") == ("one line", ""))
    }

    @Test func theTranscriptShowsTheSqueezedResultUntilAltIExpandsIt() throws {
        let h = ToolHarness()
        h.state.session.tools = SessionTools(alwaysServers: ["time"])
        let (id, _) = try #require(h.ask("time?"))
        h.finishWithCalls(id, [("time__now", "{}")])
        h.send(.toolFinished(ToolRunID(requestID: id, step: 0), ToolOutput(text: "{\n  \"datetime\": \"15:00\"\n}"), seconds: 0.2))
        #expect(h.screen().contains(#"↳ {"datetime":"15:00"}"#))
        h.key(.alt("i"))
        #expect(h.screen().contains(#"│   "datetime": "15:00""#))
    }
}
