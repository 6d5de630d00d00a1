import Foundation

/// Which values in a tool server's config are secrets: what the log, error messages, tool
/// output and session files must never hold, and what `prism mcp` prints masked.
///
/// An `env` entry is a secret when a word of its name (split at `_`, `-` and `.`) contains
/// SECRET, PASSWORD, PASSWD, CREDENTIAL, COOKIE or AUTH (not AUTHOR: `GIT_AUTHOR_NAME` is no
/// secret), ends in TOKEN(S) or KEY(S), or is PASS, PW, PWD or PAT. A header is a secret by
/// `SecretHeaders`' rule (Authorization, anything with key, token, secret, cookie, session…
/// in its name, or a value shaped like a credential). Booleans, plain numbers and absolute
/// paths are never treated as secrets: redacting every `true` or a repository's path from a
/// tool's output would hide nothing and break its text.
public enum MCPSecrets {
    /// How a secret value is printed.
    public static let mask = "********"

    private static let nameParts = ["SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "COOKIE"]
    private static let nameEndings = ["TOKEN", "TOKENS", "KEY", "KEYS"]
    private static let wholeWords: Set<String> = ["PASS", "PW", "PWD", "PAT"]
    private static let notSecret: Set<String> = ["true", "false", "yes", "no", "on", "off"]

    /// Whether an environment variable named `name` holds a secret.
    public static func isSecret(env name: String) -> Bool {
        name.uppercased().split(whereSeparator: { "_-.".contains($0) }).contains { word in
            wholeWords.contains(String(word)) || nameEndings.contains { word.hasSuffix($0) }
                || nameParts.contains { word.contains($0) }
                || word.contains("AUTH") && (!word.contains("AUTHOR") || word.contains("AUTHORIZ"))
        }
    }

    /// Whether a value could be a secret at all (not a boolean, a plain number or an absolute path).
    static func canBeSecret(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return !notSecret.contains(trimmed.lowercased()) && !trimmed.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
            && !trimmed.hasPrefix("/") && !trimmed.hasPrefix("~/")
    }

    /// The strings to redact for `server`: secret `env` and `headers` values, both as written
    /// and with `${VAR}` expanded from `environment` (a reference that does not expand is left
    /// as written), a password in its URL, and any argument shaped like a credential (a long
    /// run mixing letters and digits that is neither a flag nor a path).
    public static func values(for server: MCPServerConfig, environment: [String: String]) -> [String] {
        var found: [String] = []
        let expand = { (value: String) in (try? MCPEnvironment.expand(value, in: "", from: environment)) ?? value }
        switch server.transport {
        case .stdio(_, let args, let env, _):
            for (name, value) in env where isSecret(env: name) { found += [value, expand(value)] }
            // Not flags, paths or URLs: a repository path with digits in it is not a key.
            found += args.filter { !$0.hasPrefix("-") && !$0.contains("/") && SecretHeaders.looksSecret(value: $0) }
            found += flagSecrets(args).flatMap { [$0, expand($0)] }
        case .http(let url, let headers):
            for (name, value) in headers {
                found += SecretHeaders.secrets(name: name, value: value) + SecretHeaders.secrets(name: name, value: expand(value))
            }
            found += DisplayURL.secrets(in: url)
        }
        // A value that is only a `${VAR}` reference names a variable, not a secret: the expanded value is the secret.
        return found.filter { !isReferenceOnly($0) && canBeSecret($0) }
    }

    /// Values given to a flag whose name looks secret, by `isSecret(env:)`'s rule:
    /// `--token=xyz`, `--api-key xyz`, `-password=xyz` (whatever their shape; `hunter2` is
    /// a password too).
    static func flagSecrets(_ args: [String]) -> [String] {
        var found: [String] = []
        for (i, arg) in args.enumerated() where arg.hasPrefix("-") {
            let flag = arg.drop { $0 == "-" }
            if let equals = flag.firstIndex(of: "=") {
                if isSecret(env: String(flag[..<equals])) { found.append(String(flag[flag.index(after: equals)...])) }
            } else if isSecret(env: String(flag)), i + 1 < args.count, !args[i + 1].hasPrefix("-") {
                found.append(args[i + 1])
            }
        }
        return found
    }

    /// A value for display: as written when it is not a secret, or when it holds no literal
    /// secret (only `${VAR}` references, perhaps after an auth scheme); otherwise `mask`.
    public static func shown(value: String, secret: Bool) -> String {
        hides(value, secret: secret) ? mask : TerminalSanitizer.metadata(value)
    }

    /// Whether `shown` masks `value` (a secret entry holding more than `${VAR}` references).
    public static func hides(_ value: String, secret: Bool) -> Bool {
        secret && canBeSecret(value) && !isReferenceOnly(value)
    }

    /// Whether a header named `name` with `value` is a secret (`SecretHeaders`' rule).
    public static func isSecret(header name: String, value: String) -> Bool {
        SecretHeaders.isSecret(name: name) || SecretHeaders.looksSecret(value: value)
    }

    /// `env` or `headers` as `NAME=value` pairs in name order, secrets masked.
    public static func shown(env: [String: String]) -> [(name: String, value: String)] {
        env.keys.sorted().map { ($0, shown(value: env[$0]!, secret: isSecret(env: $0))) }
    }

    public static func shown(headers: [String: String]) -> [(name: String, value: String)] {
        headers.keys.sorted().map { ($0, shown(value: headers[$0]!, secret: isSecret(header: $0, value: headers[$0]!))) }
    }

    /// Whether `value` is nothing but `${VAR}` references, optionally after an auth scheme word (`Bearer ${TOKEN}`).
    static func isReferenceOnly(_ value: String) -> Bool {
        var rest = value.trimmingCharacters(in: .whitespaces)
        guard rest.contains("${") else { return false }
        if let space = rest.firstIndex(of: " "), ["bearer", "basic", "token"].contains(rest[..<space].lowercased()) {
            rest = String(rest[rest.index(after: space)...])
        }
        while let start = rest.range(of: "${"), let end = rest[start.upperBound...].firstIndex(of: "}") {
            rest.removeSubrange(start.lowerBound...end)
        }
        return rest.trimmingCharacters(in: .whitespaces).isEmpty
    }
}
