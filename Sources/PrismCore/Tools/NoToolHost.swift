import Foundation

/// The host when no tool server is configured: no servers, and every call fails saying so.
public struct NoToolHost: ToolHost {
    public init() {}
    public func servers() async -> [ToolServerInfo] { [] }
    public func start(server: String) async -> ToolServerInfo {
        ToolServerInfo(name: server, endpoint: "", status: .failed("no tool server named \(server) is configured"))
    }
    public func call(server: String, tool: String, arguments: String) async throws -> ToolOutput {
        throw ToolHostError("no tool server named \(server) is configured")
    }
    public func restart(server: String) async -> ToolServerInfo { await start(server: server) }
    public func stopAll() async {}
}
