import Foundation

/// The referer and title OpenRouter uses to credit requests to an app.
public struct Attribution: Sendable, Equatable {
    /// Sent as `HTTP-Referer`.
    public var referer: String
    /// Sent as `X-Title`.
    public var title: String

    public init(referer: String, title: String) {
        self.referer = referer
        self.title = title
    }

    public static let `default` = Attribution(referer: "https://github.com/prism-terminal/prism", title: "Prism")
}
