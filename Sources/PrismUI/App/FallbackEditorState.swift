import Foundation
import PrismCore

/// The fallback chain editor while it is open: a draft of the session's chain that Enter
/// keeps and Esc forgets (see `KeyBindings.fallbacks`, `Reducer+Fallbacks`).
public struct FallbackEditorState: Sendable, Equatable {
    /// The chain being edited, in the order it would be sent after the current model.
    public var draft: [String]
    /// The highlighted entry of `draft`.
    public var selection = 0
    /// The picker is open to choose a model to add; its choice comes back here.
    public var adding = false

    public init(draft: [String]) {
        self.draft = draft
    }

    /// Keeps the highlight on an entry after one was removed or the chain emptied.
    mutating func clampSelection() {
        selection = max(0, min(selection, draft.count - 1))
    }
}
