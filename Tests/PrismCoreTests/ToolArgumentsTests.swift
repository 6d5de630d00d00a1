import Foundation
import Testing
@testable import PrismCore

/// A call's arguments as the approval box shows them: sorted, indented, `"key": value`
/// (no space before the colon, whatever Foundation writes), colons inside strings kept.
@Suite struct ToolArgumentsTests {
    @Test func keysAreSortedAndColonsTight() {
        let pretty = ToolArguments.pretty(#"{"path":"a : b.txt","encoding":"utf-8","n":{"x" :1}}"#)
        let lines = pretty.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains(#""encoding": "utf-8","#))
        #expect(lines.contains(#""path": "a : b.txt""#), "a colon inside a string keeps its spaces")
        #expect(lines.contains(#""x": 1"#))
        #expect(!pretty.contains("\" :"))
    }

    @Test func textThatIsNotJSONComesBackAsItWas() {
        #expect(ToolArguments.pretty(#"{"path": "unfinished"#) == #"{"path": "unfinished"#)
        #expect(ToolArguments.pretty("  ") == "{}")
        #expect(ToolArguments.tightColons(#"{"a\" :" : 1}"#) == #"{"a\" :": 1}"#, "an escaped quote does not end the string")
    }
}
