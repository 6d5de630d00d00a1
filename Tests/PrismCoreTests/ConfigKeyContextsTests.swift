import Foundation
import Testing
@testable import PrismCore

@Suite("[keys]: plain names for the prompt, tables for the other contexts")
struct ConfigKeyContextsTests {
    @Test func contextTablesAndDottedNamesAreFlattened() throws {
        let text = """
            [keys]
            quit = "ctrl+q"
            transcript.help = "h"
            [keys.picker]
            mark = "ctrl+k, insert"
            """
        let (config, warnings) = try PrismConfig.parse(text)
        #expect(config.keys == ["quit": "ctrl+q", "transcript.help": "h", "picker.mark": "ctrl+k, insert"])
        #expect(warnings.isEmpty)
    }

    @Test func aNonStringInAContextTableIsAnErrorNamingIt() {
        #expect(throws: TOMLError(fileName: "config.toml", line: 2, message: "'keys.picker.mark' must be a string, not an integer")) {
            try PrismConfig.parse("[keys.picker]\nmark = 1\n")
        }
    }
}
