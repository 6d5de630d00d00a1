import Foundation
import PrismCore
import Testing
@testable import PrismUI

@Suite("Routing: the live effects read routing.json", .timeLimit(.minutes(1)))
struct RoutingEffectsTests {
    @Test func loadRoutingReadsTheFileAndReportsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-routing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = SavedRouting(file: folder.appendingPathComponent("routing.json"))
        try saved.save(ProviderPreferences(order: ["p1"], sort: "latency"), for: "a/one")
        let live = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, savedRouting: saved)
        let got = Locked<[String: ProviderPreferences]?>(nil)
        live.handle(.loadRouting) { action in
            if case .routingLoaded(let models) = action { got.set(models) }
        }
        live.handle(.quit) { _ in }
        #expect(got.value == ["a/one": ProviderPreferences(order: ["p1"], sort: "latency")])
    }
}

private final class Locked<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    func set(_ value: T) { lock.withLock { stored = value } }
    var value: T { lock.withLock { stored } }
}
