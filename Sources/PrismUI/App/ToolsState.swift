import Foundation
import PrismCore

/// What the chat screen knows of its tool servers, and the `/tools` overlay while open.
///
/// The tool loop itself lives in each lane's `StreamState` (the round's calls are in the
/// reply message, saved with it); this holds what is shared by every lane.
public struct ToolsState: Sendable, Equatable {
    /// Every configured server as the host last reported it (empty: none configured).
    public var servers: [ToolServerInfo] = []
    /// `[tools]` from config: the round cap and the result size cap.
    public var settings = ToolLoopSettings()
    /// A send waits for servers that were starting when Enter was pressed (they list the tools to offer).
    var sendAfterStart = false
    /// "session id|model" pairs already told that the model does not support tools (once each).
    var told: Set<String> = []
    /// The `/tools` overlay, while open.
    public var overlay: ToolsOverlay?

    public init(servers: [ToolServerInfo] = [], settings: ToolLoopSettings = ToolLoopSettings()) {
        self.servers = servers
        self.settings = settings
    }

    /// True when config names any tool server (the picker then marks models without tools).
    public var configured: Bool { !servers.isEmpty }

    /// Servers config turns on (`enabled`, the default), which a session starts from.
    var configEnabled: Set<String> { Set(servers.filter(\.enabledByDefault).map(\.name)) }

    /// Whether a server is on for a session.
    func isEnabled(_ server: String, in session: Session) -> Bool {
        session.tools?.enabledServers.map { $0.contains(server) } ?? configEnabled.contains(server)
    }

    /// Takes in what the host said of some servers (a start, a restart, the first listing).
    mutating func update(_ infos: [ToolServerInfo]) {
        for info in infos {
            if let i = servers.firstIndex(where: { $0.name == info.name }) { servers[i] = info } else { servers.append(info) }
        }
    }
}

/// The `/tools` overlay: which row is selected (rows are each server, then its tools).
public struct ToolsOverlay: Sendable, Equatable {
    public var selection = 0

    public init(selection: Int = 0) { self.selection = selection }

    /// One row of the overlay.
    public enum Row: Sendable, Equatable {
        case server(Int)
        case tool(server: Int, tool: Int)

        var server: Int {
            switch self {
            case .server(let s), .tool(let s, _): return s
            }
        }
    }

    /// The rows for these servers, in order.
    static func rows(_ servers: [ToolServerInfo]) -> [Row] {
        servers.indices.flatMap { s in [Row.server(s)] + servers[s].tools.indices.map { Row.tool(server: s, tool: $0) } }
    }
}

/// Which call a running tool answers: the round's request id and the call's place in it.
public struct ToolRunID: Sendable, Equatable, Hashable {
    public var requestID: Int
    public var step: Int

    public init(requestID: Int, step: Int) {
        self.requestID = requestID
        self.step = step
    }
}

/// One approved call for the effect runner to run.
public struct ToolRun: Sendable, Equatable {
    public var id: ToolRunID
    public var server: String
    public var tool: String
    public var arguments: String

    public init(id: ToolRunID, server: String, tool: String, arguments: String) {
        self.id = id
        self.server = server
        self.tool = tool
        self.arguments = arguments
    }
}
