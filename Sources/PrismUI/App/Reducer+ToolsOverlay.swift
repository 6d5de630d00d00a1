import Foundation
import PrismCore
import PrismTerminal

/// `/tools`: the tool servers and their tools, turned on and off for this session
/// (`Session.tools`, saved with it), failed servers restarted, always-approvals forgotten.
extension Reducer {
    /// Opens the overlay, starting the servers this session enables that have not started (their tools show when they list them).
    static func openTools(_ state: inout AppState) -> [Effect] {
        state.tools.overlay = ToolsOverlay()
        state.focus = .tools
        let idle = state.tools.servers.filter { $0.status == .idle && state.tools.isEnabled($0.name, in: state.session) }.map(\.name)
        for name in idle { setStatus(&state, name, .starting) }
        return idle.isEmpty ? [] : [.startToolServers(idle)]
    }

    static func clampToolsOverlay(_ state: inout AppState) {
        guard state.tools.overlay != nil else { return }
        let count = ToolsOverlay.rows(state.tools.servers).count
        let selection = state.tools.overlay?.selection ?? 0
        state.tools.overlay?.selection = max(0, min(count - 1, selection))
    }

    static func toolsOverlayKey(_ state: inout AppState, _ key: Key, _ env: ReducerEnvironment) -> [Effect] {
        guard let command = env.bindings.tools[key] else {
            if env.bindings.command(for: key) == .cancelOrClear { closeTools(&state) }
            return []
        }
        let rows = ToolsOverlay.rows(state.tools.servers)
        let selection = state.tools.overlay?.selection ?? 0
        let row = rows.indices.contains(selection) ? rows[selection] : nil
        var tools = state.session.tools ?? SessionTools()
        switch command {
        case .up, .down:
            state.tools.overlay?.selection = selection + (command == .up ? -1 : 1)
            clampToolsOverlay(&state)
            return []
        case .close:
            closeTools(&state)
            return []
        case .toggleTool:
            guard case .tool(let s, let t)? = row else { return [] }
            let key = SessionTools.key(server: state.tools.servers[s].name, tool: state.tools.servers[s].tools[t].name)
            if let i = tools.disabledTools.firstIndex(of: key) { tools.disabledTools.remove(at: i) } else { tools.disabledTools.append(key) }
            notify(&state, (tools.disabledTools.contains(key) ? "off for this session: " : "on for this session: ") + TerminalSanitizer.metadata(key))
        case .toggleServer:
            guard let s = row?.server else { return [] }
            let name = state.tools.servers[s].name
            var on = Set(tools.enabledServers ?? Array(state.tools.configEnabled))
            let enabling = !on.contains(name)
            if enabling { on.insert(name) } else { on.remove(name) }
            tools.enabledServers = on.sorted()
            notify(&state, "\(TerminalSanitizer.metadata(name)) " + (enabling ? "on" : "off") + " for this session")
            state.session.tools = tools.isEmpty ? nil : tools
            let start = enabling && state.tools.servers[s].status == .idle
            if start { setStatus(&state, name, .starting) }
            return saveIfSaved(state) + (start ? [.startToolServers([name])] : [])
        case .restart:
            guard let s = row?.server else { return [] }
            let name = state.tools.servers[s].name
            setStatus(&state, name, .starting)
            notify(&state, "restarting \(TerminalSanitizer.metadata(name))…")
            return [.restartToolServer(name)]
        case .clearApprovals:
            tools.alwaysTools = []
            tools.alwaysServers = []
            notify(&state, "always-approvals forgotten: every tool call asks again")
        case .once, .alwaysTool, .alwaysServer, .deny:
            return []
        }
        state.session.tools = tools.isEmpty ? nil : tools
        return saveIfSaved(state)
    }

    private static func closeTools(_ state: inout AppState) {
        state.tools.overlay = nil
        state.focus = .prompt
    }

    /// A session with messages is saved when its tool choices change (an empty one is saved with its first prompt).
    private static func saveIfSaved(_ state: AppState) -> [Effect] {
        state.session.messages.isEmpty ? [] : [.saveSession(state.session)]
    }
}
