import Foundation

/// The names tools are offered to the model under: OpenAI's function-name rule,
/// `^[a-zA-Z0-9_-]{1,64}$`, which providers enforce, for whatever a server calls its tools.
///
/// A tool is `server__tool`, every character outside the rule (dots, spaces, any non-ASCII
/// letter) as `_`, cut to 64. That mapping can give two tools one name (`get.time` and
/// `get_time`, two long names alike in their first 64 characters, `天气` and `时间`), and a
/// model's call must reach exactly one tool, so every name shared in an offered list gets a
/// suffix from a hash of its real server and tool: stable from one round to the next, and
/// independent of the list's order.
extension ToolSpec {
    /// `server__tool` under the rule, before any suffix (unique unless the mapping lost something).
    public var wireName: String { ToolSpec.wireName(server: server, tool: name) }

    public static func wireName(server: String, tool: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
        let clean = { (s: String) in String(s.map { allowed.contains($0) ? $0 : "_" }) }
        return String((clean(server) + "__" + clean(tool)).prefix(64))
    }

    /// The wire name of each of `tools`, in order, no two alike.
    public static func wireNames(_ tools: [ToolSpec]) -> [String] {
        var names = tools.map(\.wireName)
        var counts: [String: Int] = [:]
        for name in names { counts[name, default: 0] += 1 }
        for i in names.indices where counts[names[i]]! > 1 {
            names[i] = String(names[i].prefix(55)) + "_" + hash(tools[i])
        }
        // Two hashes alike (or a suffixed name equal to another tool's own): number the later ones.
        var seen: Set<String> = []
        for i in names.indices {
            var candidate = names[i]
            var n = 2
            while seen.contains(candidate) {
                let suffix = "_\(n)"
                candidate = String(names[i].prefix(64 - suffix.count)) + suffix
                n += 1
            }
            names[i] = candidate
            seen.insert(candidate)
        }
        return names
    }

    /// Eight hex digits of FNV-1a over the server and tool as they are (not as mapped).
    static func hash(_ tool: ToolSpec) -> String {
        var value: UInt32 = 0x811C_9DC5
        for byte in Array(tool.server.utf8) + [0] + Array(tool.name.utf8) {
            value = (value ^ UInt32(byte)) &* 0x0100_0193
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
