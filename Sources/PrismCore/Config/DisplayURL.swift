import Foundation

/// Renders URLs without their user name and password, for everything that shows, logs or stores one.
///
/// A base URL may carry credentials (`http://user:pw@host/v1`) for basic auth to that
/// host. They are used when sending and nowhere else: error messages, `prism` output,
/// logs and the catalog cache all go through this one function, so a password never
/// reaches a terminal or a file.
public enum DisplayURL {
    /// `text`, a URL as someone typed it, without anything that may be credentials.
    ///
    /// Typed text may be malformed (it is often being reported as invalid), so it is cut
    /// conservatively: everything between `://` and the last `@` before any `?` or `#`
    /// goes, so even a password holding a raw `/` or space is not shown.
    public static func text(_ text: String) -> String {
        stripConservatively(text)
    }

    /// The URL's text without user name or password.
    public static func string(_ url: URL) -> String {
        guard url.user != nil || url.password != nil else { return url.absoluteString }
        if var components = URLComponents(url: url, resolvingAgainstBaseURL: false) {
            components.user = nil
            components.password = nil
            if let string = components.string { return string }
        }
        return stripConservatively(url.absoluteString)
    }

    /// What a server could echo of the URL's credentials: the password as written and decoded,
    /// and the `user:password` pair in base64 as basic auth sends it. Empty without a password.
    public static func secrets(in url: URL) -> [String] {
        guard let password = url.password, !password.isEmpty else { return [] }
        let decoded = password.removingPercentEncoding ?? password
        let user = url.user?.removingPercentEncoding ?? url.user ?? ""
        let basic = Data("\(user):\(decoded)".utf8).base64EncodedString()
        return Array(Set([password, decoded, basic]))
    }

    private static func stripConservatively(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else {
            // No scheme: `user:pw@host/v1` still reads as credentials before an `@`.
            let head = text.prefix { $0 != "?" && $0 != "#" }
            guard let at = head.lastIndex(of: "@") else { return text }
            return String(text[text.index(after: at)...])
        }
        let head = text[scheme.upperBound...].prefix { $0 != "?" && $0 != "#" }
        guard let at = head.lastIndex(of: "@") else { return text }
        return String(text[..<scheme.upperBound]) + String(text[text.index(after: at)...])
    }
}

extension URL {
    /// This URL without user name or password: the only form to show, log or store.
    public var displayString: String { DisplayURL.string(self) }
}
