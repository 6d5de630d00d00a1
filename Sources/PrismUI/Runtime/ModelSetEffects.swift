import Foundation
import PrismCore

/// Runs the chat screen's effects through another runner and keeps the saved model sets on disk.
///
/// The reducer changes `AppState.modelSets` and asks for `.savePickerPreferences`; after
/// passing that effect on, this writes whatever changed in the saved sets since the last
/// write. It reads the sets through `currentSets`, which the launcher points at the
/// runtime's state; effects are performed on the UI thread right after the reducer ran,
/// so that read sees the state the effect came from. (A dedicated `Effect` case would be
/// plainer, but the live runner switches over every case and belongs to other work.)
public final class ModelSetEffects: EffectHandling, @unchecked Sendable {
    let inner: any EffectHandling
    let store: ModelSetStore
    /// The saved sets as the app has them now; nil before the runtime exists.
    public var currentSets: () -> [ModelSet]? = { nil }
    /// What the file held after our last write (or at start).
    private var written: [ModelSet]

    public init(wrapping inner: any EffectHandling, store: ModelSetStore, saved: [ModelSet]) {
        self.inner = inner
        self.store = store
        self.written = saved
    }

    public func handle(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        inner.handle(effect, post: post)
        guard case .savePickerPreferences = effect, let sets = currentSets(), sets != written else { return }
        do {
            try store.apply(from: written, to: sets)
            written = sets
        } catch {
            post(.sessionSaveFailed("could not save the model sets: \(error)"))
        }
    }
}
