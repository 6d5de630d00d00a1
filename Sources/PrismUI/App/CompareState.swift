import Foundation
import PrismCore

/// Compare mode: one pane per model, each with its own stream and scroll position.
///
/// Which message each pane's thread ends at lives in `session.compare`, the one
/// record that is saved; the panes hold only what is not worth saving (streams,
/// scrolling, focus), so the two never disagree.
public struct CompareState: Sendable, Equatable {
    /// At most this many models side by side.
    public static let maxPanes = 4

    public struct Pane: Sendable, Equatable {
        public var model: String
        /// The reply streaming into this pane, with its own request id.
        public var stream: StreamState?
        public var view = TranscriptViewState()

        public init(model: String) {
            self.model = model
        }
    }

    public var panes: [Pane]
    public var focused = 0
    /// Scrolling one pane scrolls them all.
    public var scrollLocked = false

    public init(models: [String]) {
        panes = models.map(Pane.init(model:))
    }

    /// The panes of a session saved in compare mode, or nil when it was not.
    public init?(restoring session: Session) {
        guard let record = session.compare, (2...Self.maxPanes).contains(record.models.count) else { return nil }
        self.init(models: record.models)
    }

    public var isStreaming: Bool { panes.contains { $0.stream != nil } }

    /// The pane whose stream has this request id.
    public func pane(streaming requestID: Int) -> Int? {
        panes.firstIndex { $0.stream?.requestID == requestID }
    }
}
