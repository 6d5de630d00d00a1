import Testing
@testable import PrismTerminal

@Suite("KeySpec")
struct KeySpecTests {
    private func key(_ s: String) throws -> Key { try KeySpec.parse(s) }

    @Test func namedKeysAndModifiers() throws {
        #expect(try key("ctrl+q") == .ctrl("q"))
        #expect(try key("alt+b") == .alt("b"))
        #expect(try key("esc") == Key(.escape))
        #expect(try key("escape") == Key(.escape))
        #expect(try key("enter") == Key(.enter))
        #expect(try key("alt+enter") == Key(.enter, .alt))
        #expect(try key("shift+tab") == Key(.backTab))
        #expect(try key("backtab") == Key(.backTab))
        #expect(try key("f1") == Key(.function(1)))
        #expect(try key("F12") == Key(.function(12)))
        #expect(try key("pgup") == Key(.pageUp))
        #expect(try key("pgdn") == Key(.pageDown))
        #expect(try key("PageDown") == Key(.pageDown))
        #expect(try key("home") == Key(.home))
        #expect(try key("end") == Key(.end))
        #expect(try key("up") == Key(.up))
        #expect(try key("space") == .char(" "))
        #expect(try key("ctrl+space") == Key(.character(" "), .control))
        #expect(try key("?") == .char("?"))
        #expect(try key("j") == .char("j"))
        #expect(try key("+") == .char("+"))
        #expect(try key("ctrl++") == Key(.character("+"), .control))
        #expect(try key("ctrl+alt+delete") == Key(.delete, [.control, .alt]))
        #expect(try key("  ctrl+q ") == .ctrl("q"))
    }

    @Test func namesAreCaseInsensitiveButCharactersAreNot() throws {
        #expect(try key("CTRL+Q") == .ctrl("q")) // a terminal cannot tell ctrl+Q from ctrl+q
        #expect(try key("Alt+Enter") == Key(.enter, .alt))
        #expect(try key("Q") == .char("Q"))
        #expect(try key("shift+q") == .char("Q"))
        #expect(try key("alt+B") == .alt("B"))
    }

    @Test func unknownNamesGiveOneLineErrors() {
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("ctrl+foo") }
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("hyper+q") }
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("") }
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("ctrl+") }
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("f0") }
        #expect(throws: KeySpec.ParseError.self) { try KeySpec.parse("f64") }
        do {
            _ = try KeySpec.parse("ctrl+foo")
            Issue.record("should not parse")
        } catch {
            #expect(error.description == "invalid key \"ctrl+foo\": unknown key name \"foo\"")
            #expect(!error.description.contains("\n"))
        }
        #expect(KeySpec.key("nope") == nil)
        #expect(KeySpec.key("f5") == Key(.function(5)))
    }

    @Test func descriptionRoundTrips() throws {
        let codes: [Key.Code] = [
            .character("a"), .character("Z"), .character("?"), .character(" "), .character("+"), .character("é"),
            .enter, .tab, .backTab, .backspace, .delete, .escape, .insert,
            .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .function(1), .function(12), .function(24),
        ]
        let modifierSets: [Key.Modifiers] = [[], .control, .alt, [.control, .alt], .shift, [.control, .shift]]
        for code in codes {
            for modifiers in modifierSets {
                let original = Key(code, modifiers)
                let parsed = try Key(parsing: original.description)
                // Keys that a terminal delivers in another form come back in that form.
                let canonical = try Key(parsing: parsed.description)
                #expect(canonical == parsed, "\(original)")
                if !modifiers.contains(.shift), !(modifiers.contains(.control) && code == .character("Z")) {
                    #expect(parsed == original, "\(original)")
                }
            }
        }
    }
}
