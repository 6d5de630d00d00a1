import Foundation
import Logging
import PrismCore

/// The tool host the app uses, chosen from config.
public enum PrismTools {
    /// An `MCPToolHost` over the configured servers, or `NoToolHost` when there are none.
    public static func makeHost(config: MCPConfig, environment: [String: String] = ProcessInfo.processInfo.environment,
                                logger: Logger = Logger(label: "prism.mcp")) -> any ToolHost {
        config.isEmpty ? NoToolHost() : MCPToolHost(config: config, environment: environment, logger: logger)
    }
}
