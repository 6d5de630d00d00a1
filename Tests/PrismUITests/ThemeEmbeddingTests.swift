import Foundation
import Testing
@testable import PrismUI

/// Keeps `ShippedThemes.swift` identical to `themes/*.toml`.
///
/// The binary carries its own copy of the theme files so it works without a source tree;
/// this test makes sure the copy never drifts. Run with `PRISM_RECORD_GOLDENS=1` to rewrite it.
@Suite("Theme embedding")
struct ThemeEmbeddingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let themesFolder = root.appendingPathComponent("themes")
    static let generatedFile = root.appendingPathComponent("Sources/PrismUI/Theme/ShippedThemes.swift")

    /// The theme files on disk, by name.
    static func filesOnDisk() throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: themesFolder.path).filter { $0.hasSuffix(".toml") }
        var files: [String: String] = [:]
        for name in names {
            files[String(name.dropLast(5))] = try String(contentsOf: themesFolder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    /// The Swift source that embeds `files`.
    static func source(for files: [String: String]) -> String {
        var out = """
        // Generated from themes/*.toml by Tests/PrismUITests/ThemeEmbeddingTests.swift; do not edit.
        // Regenerate with: PRISM_RECORD_GOLDENS=1 swift test --filter ThemeEmbedding

        /// The theme files in `themes/`, compiled in so an installed binary needs no data files.
        ///
        /// Generated, and checked by a test that fails when this copy and `themes/*.toml` differ.
        enum ShippedThemes {
            static let files: [String: String] = [

        """
        for name in files.keys.sorted() {
            out += "        \"\(name)\": #\"\"\"\n\(files[name]!)\n\"\"\"#,\n"
        }
        out += "    ]\n}\n"
        return out
    }

    @Test func embeddedThemesMatchTheThemesFolder() throws {
        let files = try Self.filesOnDisk()
        #expect(files.count >= 6)
        for (name, text) in files {
            #expect(!text.contains("\"\"\"#") && !text.contains("\\#"), "themes/\(name).toml cannot be embedded as a raw string")
            #expect(!text.contains("\r"), "themes/\(name).toml must use \\n line ends")
        }
        let expected = Self.source(for: files)
        if ProcessInfo.processInfo.environment["PRISM_RECORD_GOLDENS"] == "1" {
            try expected.write(to: Self.generatedFile, atomically: true, encoding: .utf8)
            return
        }
        let onDisk = try String(contentsOf: Self.generatedFile, encoding: .utf8)
        #expect(onDisk == expected, "ShippedThemes.swift is stale; run PRISM_RECORD_GOLDENS=1 swift test --filter ThemeEmbedding")
        #expect(ShippedThemes.files == files, "the compiled-in themes differ from themes/*.toml; rebuild")
    }
}
