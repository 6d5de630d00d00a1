import Foundation
import PrismCore

/// The chat screen's routing: what `[route]` configures, the prompt waiting for its decision,
/// the decision waiting to be sent, and the "why" overlay.
public struct RouteState: Sendable, Equatable {
    /// `[route]` in config.toml: the weights and the candidates (empty: the picker's favourites).
    public var settings = RouteSettings()
    /// The prompt being decided (`.decideRoute` in flight): its ask id and text.
    public var pending: (id: Int, text: String)?
    /// The decision for the prompt now in the editor, used by the send that follows it (and by
    /// a send the budget held and the user then let through).
    public var choice: Choice?
    /// The full breakdown shown by the why key, while open.
    public var why: Why?
    var nextAskID = 0

    public struct Choice: Sendable, Equatable {
        public var text: String
        public var model: String
        public var note: RouteNote
    }

    public struct Why: Sendable, Equatable {
        /// The reply's model, for the title.
        public var model: String
        public var note: RouteNote
        public var scroll = 0
    }

    public init(settings: RouteSettings = RouteSettings()) {
        self.settings = settings
    }

    public static func == (a: RouteState, b: RouteState) -> Bool {
        a.settings == b.settings && a.pending?.id == b.pending?.id && a.pending?.text == b.pending?.text
            && a.choice == b.choice && a.why == b.why && a.nextAskID == b.nextAskID
    }
}

extension AppState {
    /// The models a routed prompt chooses from (`RouteCandidateList`: `[route] candidates`,
    /// else the favourites; the demo models in demo mode).
    var routeCandidates: [String] {
        RouteCandidateList.resolve(named: [], configured: route.settings.candidates, favourites: picker.favourites.sorted(), demo: demo)
    }

    /// True when prompts are routed now (compare mode never is).
    public var isRouted: Bool { session.routed && !isComparing }
}
