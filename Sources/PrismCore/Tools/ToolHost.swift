import Foundation

/// One tool a server offers, as Prism names it to the model.
///
/// Models see a wire name (`server__tool` in the 64 characters of `[A-Za-z0-9_-]` providers
/// accept, unique in the list offered: `ToolSpec+WireName`), so two servers may offer tools
/// of the same name; `server` and `name` are what the host is asked to run.
public struct ToolSpec: Codable, Sendable, Equatable, Hashable {
    public var server: String
    public var name: String
    public var description: String
    /// The tool's JSON Schema for its arguments (an object schema); `{}` when the server gave none.
    public var inputSchema: JSONValue

    public init(server: String, name: String, description: String = "", inputSchema: JSONValue = .object([:])) {
        self.server = server
        self.name = name
        self.description = description
        self.inputSchema = inputSchema
    }

    enum CodingKeys: String, CodingKey {
        case server, name, description, inputSchema = "input_schema"
    }
}

/// What running a tool gave back: its text content, and whether the server flagged it an error.
public struct ToolOutput: Codable, Sendable, Equatable, Hashable {
    public var text: String
    public var isError: Bool

    public init(text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }

    enum CodingKeys: String, CodingKey {
        case text, isError = "is_error"
    }
}

/// Where a tool server is in its life.
public enum ToolServerStatus: Sendable, Equatable, Hashable {
    /// Configured, not started yet (servers start when first needed).
    case idle
    case starting
    case running
    /// Exited or failed to start; the one-line reason. Restartable.
    case failed(String)
    /// Stopped on purpose (disabled, or Prism is exiting).
    case stopped
}

/// One configured server as `/tools` and `prism mcp list` show it.
public struct ToolServerInfo: Sendable, Equatable, Hashable {
    public var name: String
    /// `stdio: uvx mcp-server-time` or `http: https://…`, for display.
    public var endpoint: String
    public var status: ToolServerStatus
    /// The tools it listed when it last ran; empty before it has started.
    public var tools: [ToolSpec]
    /// On unless config says `enabled = false`; a session may turn it on or off (`SessionTools`).
    public var enabledByDefault: Bool

    public init(name: String, endpoint: String, status: ToolServerStatus, tools: [ToolSpec] = [], enabledByDefault: Bool = true) {
        self.name = name
        self.endpoint = endpoint
        self.status = status
        self.tools = tools
        self.enabledByDefault = enabledByDefault
    }
}

/// Why a tool could not be run (the server would not start, the call failed, timed out…).
public struct ToolHostError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The tool servers Prism can use: MCP servers from config in the app, a fake in tests.
///
/// Every method may be called from any task; an implementation serialises what it must.
/// `call` honours task cancellation: cancelling the task that awaits it stops the call
/// (Esc cancels a whole tool turn).
public protocol ToolHost: Sendable {
    /// Every configured server with its state, without starting any.
    func servers() async -> [ToolServerInfo]
    /// Starts the server if it is not running (lazily, the first time its tools are needed)
    /// and returns its state with the tools it lists.
    func start(server: String) async -> ToolServerInfo
    /// Runs one tool. Arguments are the JSON object text the model sent.
    func call(server: String, tool: String, arguments: String) async throws -> ToolOutput
    /// Stops the server if running and starts it again.
    func restart(server: String) async -> ToolServerInfo
    /// Stops every server and waits for them to exit (on quit, SIGTERM, end of `prism ask`).
    func stopAll() async
}
