import Testing
@testable import PrismCore

@Suite("TOML parsing")
struct TOMLParserTests {
    private func parse(_ text: String) throws -> TOMLDocument {
        try TOMLDocument(parsing: text)
    }

    @Test func commentsBlankLinesAndBareKeys() throws {
        let doc = try parse("""
            # a comment
            model = "openai/gpt-4o"   # trailing comment

            max-tokens_2 = 10
            """)
        #expect(doc["model"]?.string == "openai/gpt-4o")
        #expect(doc["max-tokens_2"]?.integer == 10)
        #expect(doc.line(of: ["max-tokens_2"]) == 4)
    }

    @Test func quotedKeys() throws {
        let doc = try parse("""
            "ctrl+k" = "clear"
            'literal key' = 1
            """)
        #expect(doc["ctrl+k"]?.string == "clear")
        #expect(doc["literal key"]?.integer == 1)
    }

    @Test func tablesAndDottedTables() throws {
        let doc = try parse("""
            top = 1
            [provider]
            sort = "price"
            [theme.colors]
            accent = "blue"
            """)
        #expect(doc["top"]?.integer == 1)
        #expect(doc["provider"]?["sort"]?.string == "price")
        #expect(doc["theme"]?["colors"]?["accent"]?.string == "blue")
        #expect(doc.value(at: ["theme", "colors", "accent"])?.string == "blue")
        #expect(doc.line(of: ["provider", "sort"]) == 3)
    }

    @Test func dottedKeys() throws {
        let doc = try parse("a.b = 1\na.c = 2\n")
        #expect(doc["a"]?["b"]?.integer == 1)
        #expect(doc["a"]?["c"]?.integer == 2)
    }

    @Test func basicStringEscapes() throws {
        let doc = try parse(#"s = "q\" b\\ n\n t\t r\r u\u00e9 U\U0001F600""#)
        #expect(doc["s"]?.string == "q\" b\\ n\n t\t r\r u\u{e9} U\u{1F600}")
    }

    @Test func literalStrings() throws {
        let doc = try parse(#"path = 'C:\Users\no\escapes'"#)
        #expect(doc["path"]?.string == #"C:\Users\no\escapes"#)
    }

    @Test func multilineStrings() throws {
        let doc = try parse("""
            prompt = \"\"\"
            You are terse.
            Answer "briefly".\"\"\"
            joined = \"\"\"one \\
                two\"\"\"
            raw = '''
            a\\b'''
            next = 1
            """)
        #expect(doc["prompt"]?.string == "You are terse.\nAnswer \"briefly\".")
        #expect(doc["joined"]?.string == "one two")
        #expect(doc["raw"]?.string == "a\\b")
        #expect(doc["next"]?.integer == 1)
        #expect(doc.line(of: ["next"]) == 8)
    }

    @Test func integers() throws {
        let doc = try parse("a = 42\nb = -7\nc = +3\nd = 1_000_000\ne = 0\nf = 0xff\ng = 0b101\n")
        #expect(doc["a"]?.integer == 42)
        #expect(doc["b"]?.integer == -7)
        #expect(doc["c"]?.integer == 3)
        #expect(doc["d"]?.integer == 1_000_000)
        #expect(doc["e"]?.integer == 0)
        #expect(doc["f"]?.integer == 255)
        #expect(doc["g"]?.integer == 5)
    }

    @Test func floats() throws {
        let doc = try parse("a = 0.7\nb = -1.5e3\nc = 2E-2\nd = 1_0.5\ne = inf\n")
        #expect(doc["a"]?.double == 0.7)
        #expect(doc["b"]?.double == -1500)
        #expect(doc["c"]?.double == 0.02)
        #expect(doc["d"]?.double == 10.5)
        #expect(doc["e"]?.double == .infinity)
        #expect(doc["a"]?.integer == nil)
    }

    @Test func booleans() throws {
        let doc = try parse("yes = true\nno = false\n")
        #expect(doc["yes"]?.bool == true)
        #expect(doc["no"]?.bool == false)
    }

    @Test func arraysSpanningLinesWithTrailingComma() throws {
        let doc = try parse("""
            models = [
              "a/one",  # first
              "b/two",
            ]
            nums = [1, 2, [3]]
            empty = []
            after = true
            """)
        #expect(doc["models"]?.stringArray == ["a/one", "b/two"])
        #expect(doc["nums"] == .array([.integer(1), .integer(2), .array([.integer(3)])]))
        #expect(doc["empty"]?.array?.isEmpty == true)
        #expect(doc.line(of: ["after"]) == 7)
    }

    @Test func inlineTables() throws {
        let doc = try parse(#"provider = { sort = "price", zdr = true, nested.x = 1 }"#)
        #expect(doc["provider"]?["sort"]?.string == "price")
        #expect(doc["provider"]?["zdr"]?.bool == true)
        #expect(doc["provider"]?["nested"]?["x"]?.integer == 1)
        #expect(try parse("e = {}")["e"] == .table([:]))
    }

    @Test func windowsLineEndings() throws {
        let doc = try parse("a = 1\r\nb = \"x\"\r\n")
        #expect(doc["b"]?.string == "x")
        #expect(doc.line(of: ["b"]) == 2)
    }
}

@Suite("TOML errors")
struct TOMLErrorTests {
    private func failure(_ text: String) -> TOMLError? {
        do {
            _ = try TOMLDocument(parsing: text)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("a = 1\nb = 2\nmodel \"x\"\n", 3, "expected '=' after key"),
        ("a = 1\na = 2\n", 2, "duplicate key 'a'"),
        ("[p]\nx = 1\n[q]\n[p]\n", 4, "table [p] is defined twice"),
        ("[p]\nx = 1\ny = 2\nx = 3\n", 4, "duplicate key 'p.x'"),
        ("s = \"open\n", 1, "unterminated string"),
        ("\n\ns = 'open\n", 3, "unterminated string"),
        ("s = \"\\q\"\n", 1, "invalid escape sequence '\\q'"),
        ("s = \"\\u12\"\n", 1, "\\u needs 4 hexadecimal digits"),
        ("model = gpt\n", 1, "expected a value (strings must be quoted)"),
        ("a =\n", 1, "expected a value after '='"),
        ("a = 1 2\n", 1, "expected end of line after value"),
        ("[t] x\n", 1, "expected end of line after table header"),
        ("[t\n", 1, "expected ']' at end of table header"),
        ("[[t]]\n", 1, "arrays of tables ([[...]]) are not supported"),
        ("a = [1, 2\n\n", 1, "unterminated array (opened on line 1)"),
        ("a = [1 2]\n", 1, "expected ',' or ']' in array"),
        ("a = { x = 1\n", 1, "an inline table must close with '}' on the same line"),
        ("a = 1__0\n", 1, "'_' in a number must sit between digits"),
        ("a = 012\n", 1, "leading zeros are not allowed in numbers"),
        ("a = 1.\n", 1, "a decimal point needs digits on both sides"),
        ("a = 99999999999999999999\n", 1, "integer out of range"),
        ("a = 2026-01-01\n", 1, "dates and times are not supported"),
        ("a = 1\na.b = 2\n", 2, "key 'a' is already a value, not a table"),
        ("a = { x = 1 }\n[a]\n", 2, "table [a] is defined twice"),
        ("a = { x = 1 }\na.y = 2\n", 2, "cannot add to inline table 'a'"),
        ("= 1\n", 1, "expected a key"),
        ("x = '''\nnever closed\n", 1, "unterminated multi-line string (opened on line 1)"),
    ])
    func reportsLineAndMessage(text: String, line: Int, message: String) {
        let error = failure(text)
        #expect(error?.line == line)
        #expect(error?.message == message)
    }

    @Test func descriptionIsOneLineWithFileName() {
        let error = TOMLError(fileName: "config.toml", line: 7, message: "expected '=' after key")
        #expect(error.description == "config.toml line 7: expected '=' after key")
        #expect("\(error)" == "config.toml line 7: expected '=' after key")
    }

    @Test func errorsNeverEchoTheValue() {
        let error = failure("api_key = sk-or-v1-abcdef123\n")
        #expect(error != nil)
        #expect(error?.description.contains("sk-or") == false)
    }
}
