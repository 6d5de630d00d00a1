import Foundation
import Testing
@testable import PrismCore

/// Request bodies for web search, the PDF engine and prompt-caching breakpoints.
@Suite struct RequestFeaturesBodyTests {
    func body(_ request: ChatRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
    }

    func pdfMessage() -> ChatMessage {
        ChatMessage(role: .user, content: "summarise", attachments: [
            Attachment(kind: .file, source: "data:application/pdf;base64,JVBERi0=", mimeType: "application/pdf"),
        ])
    }

    @Test func webSettingsSendTheWebPlugin() throws {
        var request = ChatRequest(model: "openai/gpt-5", messages: [ChatMessage(role: .user, content: "news?")], maxTokens: 10)
        #expect(try body(request)["plugins"] == nil)
        request.settings.web = WebSearchSettings(maxResults: 3, engine: "exa", searchPrompt: "Sources:")
        let plugins = try #require(try body(request)["plugins"] as? [[String: Any]])
        #expect(plugins.count == 1)
        #expect(plugins[0]["id"] as? String == "web")
        #expect(plugins[0]["max_results"] as? Int == 3)
        #expect(plugins[0]["engine"] as? String == "exa")
        #expect(plugins[0]["search_prompt"] as? String == "Sources:")
        #expect(request.searchesWeb)
    }

    @Test func anOnlineModelIsNotSentThePluginTwice() throws {
        var request = ChatRequest(model: "openai/gpt-5:online", messages: [ChatMessage(role: .user, content: "x")], maxTokens: 10)
        request.settings.web = WebSearchSettings(maxResults: 2)
        #expect(try body(request)["plugins"] == nil)
        #expect(request.searchesWeb)
        #expect(WebSearchSettings.isOnlineVariant("a/b:free:online"))
        #expect(!WebSearchSettings.isOnlineVariant("online/model"))
    }

    @Test func thePDFEngineGoesAsTheFileParserOnlyWithAPDF() throws {
        var request = ChatRequest(model: "a/b", messages: [ChatMessage(role: .user, content: "x")], maxTokens: 10)
        request.settings.pdfEngine = .mistralOCR
        #expect(try body(request)["plugins"] == nil)
        request.messages = [pdfMessage()]
        let plugins = try #require(try body(request)["plugins"] as? [[String: Any]])
        #expect(plugins.count == 1)
        #expect(plugins[0]["id"] as? String == "file-parser")
        #expect((plugins[0]["pdf"] as? [String: Any])?["engine"] as? String == "mistral-ocr")
    }

    @Test func webAndPDFShareOnePluginsArray() throws {
        var request = ChatRequest(model: "a/b", messages: [pdfMessage()], maxTokens: 10)
        request.settings.pdfEngine = .pdfText
        request.settings.web = WebSearchSettings()
        let plugins = try #require(try body(request)["plugins"] as? [[String: Any]])
        #expect(plugins.map { $0["id"] as? String } == ["web", "file-parser"])
        #expect(plugins[0]["max_results"] == nil)
    }

    @Test func aBadPDFEngineNamesTheChoices() throws {
        #expect(throws: RequestBuildError.self) { try PDFEngine.parse("ocr") }
        do {
            _ = try PDFEngine.parse("ocr\u{1b}[2J")
            Issue.record("a bad engine was accepted")
        } catch {
            #expect(error.message.hasSuffix("; choose one of: pdf-text, mistral-ocr, cloudflare-ai, native"))
            #expect(!error.message.contains("\u{1b}") && !error.message.contains("\n"))
        }
        #expect(try PDFEngine.parse(" Native ") == .native)
    }

    @Test func settingsKeepWebAndPDFAndReadThemLeniently() throws {
        var settings = RequestSettings()
        settings.web = WebSearchSettings(maxResults: 4)
        settings.pdfEngine = .native
        let back = try JSONDecoder().decode(RequestSettings.self, from: JSONEncoder().encode(settings))
        #expect(back.web?.maxResults == 4 && back.pdfEngine == .native)
        let odd = #"{"fallback_models":[],"web":{"max_results":"many","engine":"exa"},"pdf_engine":"laser"}"#
        let lenient = try JSONDecoder().decode(RequestSettings.self, from: Data(odd.utf8))
        #expect(lenient.web == WebSearchSettings(engine: "exa"))
        #expect(lenient.pdfEngine == nil)
    }

    // MARK: prompt caching

    let longText = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 120)  // ≈5.4k bytes

    func thread(system: String?, turns: [String]) -> [ChatMessage] {
        var out: [ChatMessage] = []
        if let system { out.append(ChatMessage(role: .system, content: system)) }
        for (i, turn) in turns.enumerated() {
            out.append(ChatMessage(role: .user, content: turn))
            if i < turns.count - 1 { out.append(ChatMessage(role: .assistant, content: "ok \(i)")) }
        }
        return out
    }

    func cacheControls(_ body: [String: Any]) -> [Int] {
        let messages = body["messages"] as? [[String: Any]] ?? []
        return messages.indices.filter { i in
            (messages[i]["content"] as? [[String: Any]])?.contains { $0["cache_control"] != nil } ?? false
        }
    }

    @Test func anthropicGetsBreakpointsOnTheSystemPromptAndTheLastUserTurns() throws {
        let request = ChatRequest(model: "anthropic/claude-sonnet-4.5",
                                  messages: thread(system: longText, turns: ["first", "second", "third"]), maxTokens: 10)
        #expect(request.cacheBreakpoints == [0, 3, 5])
        let b = try body(request)
        #expect(cacheControls(b) == [0, 3, 5])
        let system = try #require((b["messages"] as? [[String: Any]])?[0]["content"] as? [[String: Any]])
        #expect(system.count == 1 && system[0]["type"] as? String == "text" && system[0]["text"] as? String == longText)
        #expect((system[0]["cache_control"] as? [String: Any])?["type"] as? String == "ephemeral")
        // Unmarked messages keep the plain string form.
        #expect((b["messages"] as? [[String: Any]])?[2]["content"] as? String == "ok 0")
    }

    @Test func geminiIsMarkedAndOtherModelsAreNot() throws {
        let messages = thread(system: longText, turns: ["a", "b"])
        #expect(!ChatRequest(model: "google/gemini-2.5-pro", messages: messages, maxTokens: 10).cacheBreakpoints.isEmpty)
        for model in ["openai/gpt-5", "deepseek/deepseek-chat", "google/gemma-3-27b", "x-anthropic/fake"] {
            let request = ChatRequest(model: model, messages: messages, maxTokens: 10)
            #expect(request.cacheBreakpoints.isEmpty, "\(model)")
            #expect(cacheControls(try body(request)).isEmpty)
        }
    }

    @Test func shortPrefixesAndTheSwitchLeaveTheRequestAlone() throws {
        var request = ChatRequest(model: "anthropic/claude-3.5-haiku", messages: thread(system: "Be terse.", turns: ["hi", "again"]), maxTokens: 10)
        #expect(request.cacheBreakpoints.isEmpty)
        request.cache.minTokens = 1
        #expect(request.cacheBreakpoints == [0, 1, 3])
        request.messages = thread(system: longText, turns: ["x"])
        request.cache = PromptCacheSettings(auto: false)
        #expect(request.cacheBreakpoints.isEmpty)
        #expect(cacheControls(try body(request)).isEmpty)
    }

    @Test func theThresholdCountsThePrefixNotTheMessage() {
        // The system prompt alone is short; with the long first turn the prefix passes.
        let request = ChatRequest(model: "anthropic/claude-opus-4", messages: thread(system: "Be terse.", turns: [longText, "next"]), maxTokens: 10)
        #expect(request.cacheBreakpoints == [1, 3])
    }

    @Test func neverMoreThanFourBreakpointsAndAttachmentsKeepTheirParts() throws {
        var request = ChatRequest(model: "anthropic/claude-opus-4", messages: [pdfMessage()], maxTokens: 10)
        request.cache.minTokens = 1
        #expect(request.cacheBreakpoints.count <= PromptCacheSettings.maxBreakpoints)
        let parts = try #require((try body(request)["messages"] as? [[String: Any]])?[0]["content"] as? [[String: Any]])
        #expect(parts.count == 2)
        #expect(parts[0]["cache_control"] != nil && parts[1]["cache_control"] == nil)
    }
}
