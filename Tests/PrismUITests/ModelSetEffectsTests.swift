import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Records every effect and hands it to the real `LiveEffects`, which writes model sets to
/// `sets.json` on its save queue as it does in the running app.
private final class RecordingLiveEffects: EffectHandling, @unchecked Sendable {
    let live: LiveEffects
    let lock = NSLock()
    var effects: [Effect] = []
    let actions = ActionLog()

    init(folder: URL, store: ModelSetStore) {
        live = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, modelSets: store)
    }

    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        lock.withLock { effects.append(effect) }
        // Only the model-set writes go to disk here: nothing else may reach the network.
        guard case .saveModelSets = effect else { return }
        live.handle(effect) { [actions] action in
            actions.append(action)
            post(action)
        }
    }

    /// Waits for every queued write, as quitting does.
    func flush() { live.handle(.quit) { _ in } }
}

private final class ActionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Action] = []
    func append(_ action: Action) { lock.withLock { list.append(action) } }
    var all: [Action] { lock.withLock { list } }
}

private struct Themes: ThemeProviding {
    func theme(named: String, for support: ColorSupport) -> Theme? { UIFixtures.theme(support) }
    func fallback(for support: ColorSupport) -> Theme { UIFixtures.theme(support) }
    func names() -> [String] { ["dark"] }
    var lastError: String? { nil }
}

@Suite("Model sets: saved from the chat screen to the file by the live effects", .timeLimit(.minutes(1)))
struct ModelSetEffectsTests {
    @Test func savingAndDeletingEmitTheChangeAndReachTheFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-sets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = ModelSetStore(file: folder.appendingPathComponent("sets.json"))
        // Another window saved "other" meanwhile; this one's changes must keep it.
        try store.apply(from: [], to: [ModelSet(name: "other", models: ["x/1", "y/2"])])

        let backend = HeadlessBackend(size: Size(width: 100, height: 30))
        var state = AppState(size: backend.size, session: Session(id: "", createdAt: Date(), model: "a/one"), demo: true, theme: "dark", now: Date())
        state.modelSets = ModelSets(configured: [ModelSet(name: "fast", models: ["a/one", "b/two"])])
        let writer = RecordingLiveEffects(folder: folder, store: store)
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-0003" })
        let runtime = AppRuntime(backend: backend, state: state, environment: env, effects: writer, themes: Themes())
        backend.enqueue("/set save duo c/three d/four".map { .key(.char($0)) } + [.key(Key(.enter))])
        backend.enqueue("/set save fast c/three d/four".map { .key(.char($0)) } + [.key(Key(.enter))])
        for _ in 0..<4 { runtime.step(wait: false) }
        writer.flush()
        let duo = ModelSet(name: "duo", models: ["c/three", "d/four"])
        #expect(writer.effects.contains(.saveModelSets(before: [], after: [duo])))
        #expect(store.load().sorted { $0.name < $1.name } == [duo, ModelSet(name: "other", models: ["x/1", "y/2"])])
        #expect(runtime.state.notice?.kind == .error)
        #expect(backend.lastFrame?.text().contains("cannot save 'fast': config.toml defines it") == true, "\(backend.lastFrame?.text() ?? "")")

        backend.enqueue("/set delete duo".map { .key(.char($0)) } + [.key(Key(.enter))])
        for _ in 0..<2 { runtime.step(wait: false) }
        writer.flush()
        #expect(writer.effects.contains(.saveModelSets(before: [duo], after: [])))
        #expect(store.load() == [ModelSet(name: "other", models: ["x/1", "y/2"])])
        #expect(!writer.actions.all.contains { if case .failed = $0 { true } else { false } }, "\(writer.actions.all)")
    }
}
