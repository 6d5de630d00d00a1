import Foundation
import Testing
@testable import PrismUI

/// Checks that the binary carries exactly the files of `themes/`.
///
/// SwiftPM embeds them through the `Sources/PrismUI/Theme/themes` symlink, and
/// `ShippedThemes` names each embedded file; this fails when a file in `themes/` is not
/// in that table, when the table names a theme with no file, or when the bytes differ.
@Suite("Theme embedding")
struct ThemeEmbeddingTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let themesFolder = root.appendingPathComponent("themes")

    /// The theme files on disk, by theme name.
    static func filesOnDisk() throws -> [String: [UInt8]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: themesFolder.path)
        var files: [String: [UInt8]] = [:]
        for name in names where name.hasSuffix(".toml") {
            files[String(name.dropLast(5))] = Array(try Data(contentsOf: themesFolder.appendingPathComponent(name)))
        }
        return files
    }

    @Test func everyFileInTheThemesFolderIsEmbeddedByteForByte() throws {
        let files = try Self.filesOnDisk()
        #expect(files.count >= 6)
        for name in files.keys.sorted() where ShippedThemes.bytes[name] == nil {
            Issue.record("themes/\(name).toml is not embedded: add it to ShippedThemes.bytes")
        }
        for name in ShippedThemes.bytes.keys.sorted() where files[name] == nil {
            Issue.record("ShippedThemes.bytes names '\(name)' but there is no themes/\(name).toml")
        }
        for (name, bytes) in files where ShippedThemes.bytes[name] != nil {
            #expect(ShippedThemes.bytes[name] == bytes, "the embedded themes/\(name).toml differs from the file; rebuild")
        }
        #expect(ThemeCatalog(userDirectory: nil).shippedThemes == files.keys.sorted())
    }

    @Test(arguments: ShippedThemes.bytes.keys.sorted())
    func everyShippedThemeIsUTF8AndParses(name: String) throws {
        let bytes = try #require(ShippedThemes.bytes[name])
        #expect(String(bytes: bytes, encoding: .utf8) != nil, "themes/\(name).toml is not UTF-8")
        _ = try ThemeFile(parsing: ShippedThemes.files[name]!, name: name, fileName: "themes/\(name).toml")
        _ = try ThemeCatalog(userDirectory: nil).load(name: name)
    }
}
