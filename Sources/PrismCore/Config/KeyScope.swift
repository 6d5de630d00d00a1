#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Which servers may receive the OpenRouter key, and which may be spoken to over plain http.
///
/// The OpenRouter key is worth money to anyone who sees it, so it goes only where it
/// belongs: OpenRouter itself over https, and loopback addresses, where local proxies
/// (and Prism's own tests) run and nothing crosses the network. Every other server gets
/// the key its server profile names, or none. Plain http leaves this machine unencrypted,
/// so it is allowed for loopback only unless a profile opts in.
public enum KeyScope {
    /// Whether the OpenRouter key may be sent to a server at `url`.
    public static func acceptsOpenRouterKey(_ url: URL) -> Bool {
        guard let host = url.host, let scheme = url.scheme?.lowercased() else { return false }
        if isLoopback(host) { return true }
        return scheme == "https" && isOpenRouter(host)
    }

    /// Whether `url` may be used without a profile's `allow_http`: https anywhere, http only to loopback.
    public static func allowsWithoutOptIn(_ url: URL) -> Bool {
        guard let scheme = url.scheme?.lowercased() else { return false }
        return scheme == "https" || isLoopback(url.host ?? "")
    }

    /// `openrouter.ai` or one of its subdomains (such as `eu.openrouter.ai`).
    public static func isOpenRouter(_ host: String) -> Bool {
        let host = normalized(host)
        return host == "openrouter.ai" || host.hasSuffix(".openrouter.ai")
    }

    /// `localhost`, any address in 127.0.0.0/8, `::1`, or an IPv4-mapped 127.x address.
    ///
    /// Only literal addresses count (as `inet_pton` reads them, so `127.1` or `2130706433`
    /// are not loopback here): a name other than `localhost` could resolve anywhere.
    public static func isLoopback(_ host: String) -> Bool {
        let host = normalized(host)
        if host == "localhost" { return true }
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return UInt32(bigEndian: v4.s_addr) >> 24 == 127
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return true }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped && bytes[12] == 127
    }

    /// Lowercased, without IPv6 brackets or a trailing dot.
    private static func normalized(_ host: String) -> String {
        var host = host.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        while host.hasSuffix(".") { host.removeLast() }
        return host
    }
}
