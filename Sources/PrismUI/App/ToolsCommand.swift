import Foundation
import PrismCore
import PrismTerminal

/// What a key can mean while a tool call waits for approval, and in the `/tools` overlay
/// (`[keys.tools]`: one context, since the two never have the keys at once).
public enum ToolsCommand: String, CaseIterable, Sendable {
    case once, alwaysTool = "always_tool", alwaysServer = "always_server", deny
    case toggleTool = "toggle_tool", toggleServer = "toggle_server", restart, clearApprovals = "clear_approvals"
    case up, down, close

    /// The answers to "run this tool?".
    var approval: ToolApproval? {
        switch self {
        case .once: return .once
        case .alwaysTool: return .alwaysTool
        case .alwaysServer: return .alwaysServer
        case .deny: return .denied
        default: return nil
        }
    }

    /// One line for the help overlay.
    public var summary: String {
        switch self {
        case .once: return "tool call: run it this once"
        case .alwaysTool: return "tool call: run it, and this tool from now on without asking (this session)"
        case .alwaysServer: return "tool call: run it, and every tool of its server without asking (this session)"
        case .deny: return "tool call: do not run it (the model is told)"
        case .toggleTool: return "/tools: turn the selected tool on or off for this session"
        case .toggleServer: return "/tools: turn the selected server on or off for this session"
        case .restart: return "/tools: restart the selected server"
        case .clearApprovals: return "/tools: forget this session's always-approvals"
        case .up, .down: return "/tools: move the selection"
        case .close: return "/tools: close it"
        }
    }
}

extension KeyBindings {
    /// The default keys of the approval prompt and the `/tools` overlay.
    public static let toolsKeys: [Key: ToolsCommand] = [
        .char("y"): .once, .char("t"): .alwaysTool, .char("s"): .alwaysServer, .char("n"): .deny,
        .char(" "): .toggleTool, .char("e"): .toggleServer, .char("r"): .restart, .char("a"): .clearApprovals,
        Key(.up): .up, Key(.down): .down, .char("k"): .up, .char("j"): .down, Key(.escape): .close,
    ]
}
