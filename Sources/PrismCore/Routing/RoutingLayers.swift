import Foundation

/// The provider routing above config that every request takes into account: each model's
/// saved choice (`routing.json`, written by the chat screen's provider table) and the
/// command line's routing flags.
///
/// `ChatRequest.build` applies them, so precedence is decided in one place:
/// config and session (`RequestSettings.provider`) < saved for that exact model id < flags,
/// field by field (`ProviderPreferences.layered`).
public struct RoutingLayers: Sendable, Equatable {
    /// Saved preferences by model id, exactly as sent (a variant has its own entry).
    public var saved: [String: ProviderPreferences]
    /// The command line's routing flags, nil when none were given.
    public var flags: ProviderPreferences?

    public init(saved: [String: ProviderPreferences] = [:], flags: ProviderPreferences? = nil) {
        self.saved = saved
        self.flags = flags.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// No saved routing and no flags: config's preferences go out unchanged.
    public static let none = RoutingLayers()

    /// The `provider` object to send for `model`, over `base` (config and session); nil when nothing is set.
    public func preferences(for model: String, base: ProviderPreferences?) -> ProviderPreferences? {
        ProviderPreferences.layered([base, saved[model], flags])
    }
}
