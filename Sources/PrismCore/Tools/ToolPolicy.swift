import Foundation

/// A session's tool choices: which servers are on, which tools are off, and what the user
/// approved for good. Saved with the session as `tools` (absent when nothing was chosen),
/// so a resumed chat keeps them; read leniently.
public struct SessionTools: Codable, Sendable, Equatable, Hashable {
    /// Servers turned on for this session; nil: every server config enables.
    public var enabledServers: [String]?
    /// `server/tool` names turned off for this session.
    public var disabledTools: [String]
    /// `server/tool` names the user approved with "always for this tool".
    public var alwaysTools: [String]
    /// Servers the user approved with "always for this server".
    public var alwaysServers: [String]

    public init(enabledServers: [String]? = nil, disabledTools: [String] = [], alwaysTools: [String] = [], alwaysServers: [String] = []) {
        self.enabledServers = enabledServers
        self.disabledTools = disabledTools
        self.alwaysTools = alwaysTools
        self.alwaysServers = alwaysServers
    }

    enum CodingKeys: String, CodingKey {
        case enabledServers = "enabled_servers", disabledTools = "disabled_tools"
        case alwaysTools = "always_tools", alwaysServers = "always_servers"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabledServers = (try? c.decodeIfPresent([String].self, forKey: .enabledServers)) ?? nil
        disabledTools = ((try? c.decodeIfPresent([String].self, forKey: .disabledTools)) ?? nil) ?? []
        alwaysTools = ((try? c.decodeIfPresent([String].self, forKey: .alwaysTools)) ?? nil) ?? []
        alwaysServers = ((try? c.decodeIfPresent([String].self, forKey: .alwaysServers)) ?? nil) ?? []
    }

    public var isEmpty: Bool { self == SessionTools() }

    /// `server/tool`, the name tools go by in settings, config and on the command line.
    public static func key(server: String, tool: String) -> String { "\(server)/\(tool)" }

    /// True when a call of this tool runs without asking.
    public func isPreapproved(server: String, tool: String) -> Bool {
        alwaysServers.contains(server) || alwaysTools.contains(Self.key(server: server, tool: tool))
    }

    /// Remembers an "always" answer; `once` and `denied` are not remembered.
    public mutating func remember(_ approval: ToolApproval, server: String, tool: String) {
        switch approval {
        case .alwaysTool:
            let key = Self.key(server: server, tool: tool)
            if !alwaysTools.contains(key) { alwaysTools.append(key) }
        case .alwaysServer:
            if !alwaysServers.contains(server) { alwaysServers.append(server) }
        case .once, .preapproved, .denied:
            break
        }
    }

    /// The tools to offer the model: those of enabled servers, minus the disabled ones.
    /// `configEnabled` names the servers config enables (`enabled = true`, the default).
    public func offered(_ tools: [ToolSpec], configEnabled: Set<String>) -> [ToolSpec] {
        let servers = enabledServers.map(Set.init) ?? configEnabled
        return tools.filter { servers.contains($0.server) && !disabledTools.contains(Self.key(server: $0.server, tool: $0.name)) }
    }
}

/// How a streamed call's name maps back to a server's tool (models see `ToolSpec.wireNames`).
public enum ToolResolution: Sendable, Equatable {
    case tool(ToolSpec)
    /// The model named a tool Prism did not offer: the call is answered with this text, unrun.
    case unknown(String)

    public static func resolve(_ call: ToolCall, offered: [ToolSpec]) -> ToolResolution {
        let name = call.name ?? ""
        let names = ToolSpec.wireNames(offered)
        if let i = names.firstIndex(of: name) { return .tool(offered[i]) }
        let list = names.joined(separator: ", ")
        return .unknown("Unknown tool \"\(name)\": it was not offered. Offered tools: \(list.isEmpty ? "none" : list).")
    }
}

/// The tool loop's limits, from `[tools]` in config.toml.
public struct ToolLoopSettings: Sendable, Equatable, Hashable {
    /// Requests with tool calls a turn may make before Prism stops it (the model may loop).
    public var maxRounds: Int
    /// Longest output, in characters, sent back to the model per call (the rest is cut, with a note).
    public var maxResultCharacters: Int

    public init(maxRounds: Int = 8, maxResultCharacters: Int = 20_000) {
        self.maxRounds = maxRounds
        self.maxResultCharacters = maxResultCharacters
    }
}
