import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// `LiveEffects` writes preferences on its save queue, not on the caller's (UI) thread:
/// a burst keeps its order, and quitting waits for every write.
@Suite("Live effects: preference writes", .timeLimit(.minutes(1)))
struct LiveEffectsWritesTests {
    @Test func historyAndPickerWritesLeaveTheCallerAndFinishBeforeQuit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-prefs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let preferences = PreferencesStore(folder: folder)
        let effects = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: preferences, fetchKeyInfo: false)
        // A burst from the UI thread: every one returns at once, in order on the save queue.
        for i in 0..<50 { effects.handle(.appendHistory("prompt \(i)")) { _ in } }
        effects.handle(.savePickerPreferences(favourites: ["a/b"], recents: ["c/d"])) { _ in }
        effects.handle(.quit) { _ in }
        #expect(preferences.loadHistory() == (0..<50).map { "prompt \($0)" })
        #expect(preferences.loadPicker().favourites == ["a/b"])
    }
}
