import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Records what reaches the wrapped runner.
private final class Recorder: EffectHandling, @unchecked Sendable {
    let lock = NSLock()
    var effects: [Effect] = []
    func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) { lock.withLock { effects.append(effect) } }
}

private struct Themes: ThemeProviding {
    func theme(named: String, for support: ColorSupport) -> Theme? { UIFixtures.theme(support) }
    func fallback(for support: ColorSupport) -> Theme { UIFixtures.theme(support) }
    func names() -> [String] { ["dark"] }
    var lastError: String? { nil }
}

private func temporaryStore() throws -> (ModelSetStore, URL) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-sets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return (ModelSetStore(file: folder.appendingPathComponent("sets.json")), folder)
}

@Suite("Model sets: the effect runner that keeps them on disk")
struct ModelSetEffectsTests {
    @Test func passesEveryEffectOnAndWritesOnlyWhenTheSavedSetsChanged() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inner = Recorder()
        let kept = ModelSet(name: "kept", models: ["a/one", "b/two"])
        let runner = ModelSetEffects(wrapping: inner, store: store, saved: [kept])
        nonisolated(unsafe) var sets: [ModelSet] = [kept]
        runner.currentSets = { sets }
        let favourites = Effect.savePickerPreferences(favourites: ["a/one"], recents: [])
        runner.handle(favourites) { _ in }
        runner.handle(.listSessions) { _ in }
        #expect(inner.effects == [favourites, .listSessions])
        #expect(!FileManager.default.fileExists(atPath: store.file.path), "nothing changed, nothing written")

        let added = ModelSet(name: "added", models: ["c/three", "d/four"])
        sets = [kept, added]
        runner.handle(.listSessions) { _ in }
        #expect(!FileManager.default.fileExists(atPath: store.file.path), "only the preferences effect writes")
        runner.handle(favourites) { _ in }
        #expect(store.load() == [added], "only what changed is applied: 'kept' was never in this file")
        sets = [kept]
        runner.handle(favourites) { _ in }
        #expect(store.load().isEmpty)
    }

    @Test func aSetSavedInTheChatScreenReachesTheFile() throws {
        let (store, folder) = try temporaryStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = HeadlessBackend(size: Size(width: 100, height: 30))
        var state = AppState(size: backend.size, session: Session(id: "", createdAt: Date(), model: "a/one"), demo: true, theme: "dark", now: Date())
        state.modelSets = ModelSets(configured: [ModelSet(name: "fast", models: ["a/one", "b/two"])])
        let runner = ModelSetEffects(wrapping: Recorder(), store: store, saved: [])
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-0003" })
        let runtime = AppRuntime(backend: backend, state: state, environment: env, effects: runner, themes: Themes())
        runner.currentSets = { [weak runtime] in runtime?.state.modelSets.saved }
        backend.enqueue("/set save duo c/three d/four".map { .key(.char($0)) } + [.key(Key(.enter))])
        backend.enqueue("/set save fast c/three d/four".map { .key(.char($0)) } + [.key(Key(.enter))])
        for _ in 0..<4 { runtime.step(wait: false) }
        #expect(store.load() == [ModelSet(name: "duo", models: ["c/three", "d/four"])])
        #expect(runtime.state.notice?.kind == .error)
        #expect(backend.lastFrame?.text().contains("cannot save 'fast': config.toml defines it") == true, "\(backend.lastFrame?.text() ?? "")")
    }
}
