import Foundation
import Testing
@testable import PrismCore

@Suite("Config file contents")
struct ConfigFileTests {
    @Test func unknownKeysAreWarningsNotErrors() throws {
        let (config, warnings) = try PrismConfig.parse("""
            modle = "x"
            model = "y"
            [provider]
            sortt = "price"
            [mystery]
            a = 1
            """)
        #expect(config.model == "y")
        #expect(warnings == [
            "config.toml: unknown key 'modle'",
            "config.toml: unknown key 'mystery'",
            "config.toml: unknown key 'provider.sortt'",
        ])
    }

    @Test(arguments: [
        ("a = 1\nmax_tokens = \"lots\"\n", 2, "'max_tokens' must be an integer, not a string"),
        ("temperature = \"hot\"\n", 1, "'temperature' must be a number, not a string"),
        ("temperature = 2.5\n", 1, "'temperature' must be between 0 and 2"),
        ("max_tokens = 0\n", 1, "'max_tokens' must be at least 1"),
        ("model = 3\n", 1, "'model' must be a string, not an integer"),
        ("fallback_models = [\"a\", 1]\n", 1, "'fallback_models' must be an array of strings, not an array"),
        ("[provider]\n\nsort = \"cheapest\"\n", 3, "'provider.sort' must be one of price, throughput, latency"),
        ("[provider]\nzdr = \"yes\"\n", 2, "'provider.zdr' must be true or false, not a string"),
        ("provider = 1\n", 1, "'provider' must be a table, not an integer"),
        ("[reasoning]\neffort = \"huge\"\n", 2,
         "'reasoning.effort' must be one of max, xhigh, high, medium, low, minimal, none"),
        ("[reasoning]\neffort = \"low\"\nmax_tokens = 100\n", 3,
         "'reasoning.max_tokens' cannot be set together with 'reasoning.effort'; choose one"),
        ("[keys]\nquit = 1\n", 2, "'keys.quit' must be a string, not an integer"),
        ("max_retries = -1\n", 1, "'max_retries' must be at least 0"),
    ])
    func wrongTypesAreErrorsWithLineAndKey(text: String, line: Int, message: String) {
        #expect(throws: TOMLError(fileName: "config.toml", line: line, message: message)) {
            try PrismConfig.parse(text)
        }
    }

    @Test func integersAreAcceptedAsNumbers() throws {
        let (config, _) = try PrismConfig.parse("temperature = 1\nrequest_timeout = 30\n")
        #expect(config.temperature == 1.0)
        #expect(config.idleTimeout == 30, "request_timeout is the older name of idle_timeout")
    }

    @Test func maxPriceMapsToDecimals() throws {
        let (config, _) = try PrismConfig.parse("[provider.max_price]\nprompt = 1.5\ncompletion = 2\n")
        #expect(config.provider?.maxPrice == MaxPrice(prompt: Decimal(string: "1.5"), completion: 2))
    }

    @Test func keyInWorldReadableFileWarns() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("api_key = \"sk-or-v1-abc123\"\n", mode: 0o644)
        let config = try xdg.resolve()
        #expect(config.warnings == [
            "config.toml holds an API key but is readable by others (mode 0644); run: chmod 600 \(xdg.paths.configFile.path)",
        ])
    }

    @Test func keyInPrivateFileDoesNotWarn() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("api_key = \"sk-or-v1-abc123\"\n", mode: 0o600)
        #expect(try xdg.resolve().warnings.isEmpty)
    }

    @Test func readableFileWithoutKeyDoesNotWarn() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        try xdg.writeConfig("model = \"x\"\n", mode: 0o644)
        #expect(try xdg.resolve().warnings.isEmpty)
    }
}

@Suite("Config never shows the API key")
struct ConfigRedactionTests {
    static let secret = "sk-or-v1-0123456789abcdefSECRET"

    private func resolved() throws -> (ResolvedConfig, TempXDG) {
        let xdg = try TempXDG()
        return (try xdg.resolve(env: ["OPENROUTER_API_KEY": Self.secret]), xdg)
    }

    @Test func interpolationAndReflectionAreRedacted() throws {
        let (config, xdg) = try resolved()
        defer { xdg.remove() }
        #expect(config.apiKey?.value == Self.secret)
        let printed = "\(config)"
        #expect(printed.contains("api_key = sk-or-…(redacted) (environment)"))
        #expect(!printed.contains("0123456789"))
        let reflected = String(reflecting: config)
        #expect(reflected.contains("sk-or-…(redacted)"))
        #expect(!reflected.contains("0123456789"))
        var dumped = ""
        dump(config, to: &dumped)
        #expect(!dumped.isEmpty)
        #expect(!dumped.contains("0123456789"))
    }

    @Test func apiKeyWrapperHidesItselfEverywhere() throws {
        let key = APIKey(Self.secret)
        var outputs = ["\(key)", String(describing: key), String(reflecting: key), "\([key])", "\(Optional(key) as Any)"]
        var dumped = ""
        dump(key, to: &dumped)
        outputs.append(dumped)
        outputs.append("\(Mirror(reflecting: key).children.map { "\($0.label ?? ""): \($0.value)" })")
        for output in outputs {
            #expect(!output.contains("0123456789"), "leaked in: \(output)")
        }
        #expect(key.description == "sk-or-…(redacted)")
        #expect(APIKey("other-provider-key").description == "…(redacted)")
        #expect(APIKey.display(nil) == "<none>")
        #expect(APIKey(nonEmpty: " \n") == nil)
    }

    @Test func missingKeyShowsNone() throws {
        let xdg = try TempXDG()
        defer { xdg.remove() }
        #expect("\(try xdg.resolve())".contains("api_key = <none> (default)"))
    }
}

@Suite("Config documentation")
struct ConfigDocsTests {
    /// The example in docs/config.md must stay valid and free of unknown keys.
    @Test func documentedExampleParsesCleanly() throws {
        let docs = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/config.md")
        let markdown = try String(contentsOf: docs, encoding: .utf8)
        let start = try #require(markdown.range(of: "```toml\n"))
        let end = try #require(markdown.range(of: "```", range: start.upperBound..<markdown.endIndex))
        let (config, warnings) = try PrismConfig.parse(String(markdown[start.upperBound..<end.lowerBound]))
        #expect(warnings.isEmpty)
        #expect(config.model == "anthropic/claude-sonnet-4")
        #expect(config.systemPrompt == "You are a concise assistant.\nAnswer in plain text.")
        #expect(config.provider?.maxPrice?.completion == 15)
        #expect(config.keys == ["quit": "ctrl+q", "send": "enter", "newline": "alt+enter, ctrl+j"])
        #expect(config.sets?.map(\.name) == ["fast", "frontier"])
    }
}
