import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// What the provider table's effects do: save and read `routing.json`, and fetch through the endpoint cache.
@Suite("Live effects: routing and providers", .timeLimit(.minutes(1)))
struct LiveEffectsRoutingTests {
    /// Collects posted actions and waits for them.
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private let arrived = DispatchSemaphore(value: 0)
        private var actions: [Action] = []
        var post: @Sendable (Action) -> Void { { [self] action in lock.withLock { actions.append(action) }; arrived.signal() } }
        func next() -> Action? {
            guard arrived.wait(timeout: .now() + 10) == .success else { return nil }
            return lock.withLock { actions.removeFirst() }
        }
    }

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-routing-\(UUID().uuidString)")

    func effects(cache: EndpointCache? = nil) -> LiveEffects {
        LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!,
                                                                        retry: RetryPolicy(maxRetries: 0))),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false,
            savedRouting: SavedRouting(file: folder.appendingPathComponent("routing.json")), endpoints: cache)
    }

    @Test func savingWritesRoutingJSONAndReadingItBackAnswersTheModel() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let live = effects()
        let inbox = Inbox()
        let choice = ProviderPreferences(order: ["together"], allowFallbacks: false, ignore: ["fireworks"])
        live.handle(.saveRouting(model: "m/x", preferences: choice), post: inbox.post)
        guard case .routingSaved(let model, let saved)? = inbox.next() else { Issue.record("no routingSaved"); return }
        #expect(model == "m/x" && saved == choice)
        #expect(SavedRouting(file: folder.appendingPathComponent("routing.json")).preferences(for: "m/x") == choice)
        live.handle(.loadRouting, post: inbox.post)
        guard case .routingLoaded(let read)? = inbox.next() else { Issue.record("no routingLoaded"); return }
        #expect(read["m/x"] == choice)
        live.handle(.saveRouting(model: "m/x", preferences: nil), post: inbox.post)
        guard case .routingSaved(_, nil)? = inbox.next() else { Issue.record("no reset"); return }
        #expect(SavedRouting(file: folder.appendingPathComponent("routing.json")).preferences(for: "m/x") == nil)
    }

    @Test func offlineAStaleCachedCopyAnswersMarkedStaleAndNoCopyIsAFailure() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = EndpointCache(folder: folder.appendingPathComponent("endpoints"))
        let old = ModelEndpoints(modelID: "m/x", fetchedAt: Date().addingTimeInterval(-3600), endpoints: [ProviderEndpoint(providerName: "A")])
        try cache.save(old)
        let live = effects(cache: cache)
        let inbox = Inbox()
        live.handle(.loadProviders(model: "m/x", refresh: false), post: inbox.post)
        guard case .providersLoaded(let loaded, let stale)? = inbox.next() else { Issue.record("no providersLoaded"); return }
        #expect(loaded.endpoints == old.endpoints && stale)
        #expect(abs(loaded.fetchedAt.timeIntervalSince(old.fetchedAt)) < 1, "the copy keeps its age")
        live.handle(.loadProviders(model: "m/y", refresh: false), post: inbox.post)
        guard case .providersFailed(let model, _)? = inbox.next() else { Issue.record("no providersFailed"); return }
        #expect(model == "m/y")
    }
}
