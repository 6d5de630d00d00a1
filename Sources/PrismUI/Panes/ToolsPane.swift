import Foundation
import PrismCore
import PrismTerminal

/// `/tools`: each server (endpoint and state, on or off for this session), its tools under
/// it (on or off, always-approved marks), then the keys. Names, endpoints and failure
/// reasons come from servers and config: sanitised.
enum ToolsPane {
    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let overlay = state.tools.overlay else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: StyledLine("Tools", theme.style(.accent, on: .surface)))
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard inner.height >= 4, inner.width >= 20 else { return }
        let muted = theme.style(.textMuted, on: .surface)
        let footer = TextWrap.wrap(hint(bindings), style: muted, width: inner.width)
        let listEnd = inner.maxY - footer.count - 1
        let servers = state.tools.servers
        let remembered = state.session.tools ?? SessionTools()
        if servers.isEmpty {
            let text = "No tool servers are configured. Add [mcp.servers.NAME] to config.toml (docs/config.md)."
            for (i, line) in TextWrap.wrap(text, style: muted, width: inner.width).enumerated() where inner.y + i < listEnd {
                frame.put(line, at: Point(x: inner.x, y: inner.y + i), clip: inner)
            }
        } else {
            let rows = ToolsOverlay.rows(servers)
            let visible = max(1, listEnd - inner.y)
            let top = max(0, min(overlay.selection - visible + 1, rows.count - visible))
            for (i, row) in rows.enumerated().dropFirst(top) where inner.y + i - top < listEnd {
                var line = self.line(row, servers: servers, session: state.session, remembered: remembered, state: state.tools, theme: theme)
                if i == overlay.selection {
                    line = StyledLine(line.spans.map { Span($0.text, $0.style.adding(.reverse)) })
                }
                frame.put(line, at: Point(x: inner.x, y: inner.y + i - top), clip: inner, over: theme.style(.text, on: .surface))
            }
        }
        for (i, line) in footer.enumerated() {
            frame.put(line, at: Point(x: inner.x, y: inner.maxY - footer.count + i), clip: inner)
        }
    }

    static func line(_ row: ToolsOverlay.Row, servers: [ToolServerInfo], session: Session, remembered: SessionTools,
                     state: ToolsState, theme: Theme) -> StyledLine {
        let text = theme.style(.text, on: .surface), muted = theme.style(.textMuted, on: .surface)
        switch row {
        case .server(let s):
            let server = servers[s]
            let on = state.isEnabled(server.name, in: session)
            var line = StyledLine(on ? "● " : "○ ", theme.style(on ? .success : .textMuted, on: .surface))
            line.append(TerminalSanitizer.metadata(server.name), text.adding(.bold))
            line.append(on ? "" : " (off)", muted)
            line.append("  " + statusText(server.status), statusStyle(server.status, theme: theme))
            if remembered.alwaysServers.contains(server.name) { line.append("  always approved", theme.style(.warning, on: .surface)) }
            line.append("  " + TerminalSanitizer.metadata(server.endpoint), muted)
            return line
        case .tool(let s, let t):
            let spec = servers[s].tools[t]
            let key = SessionTools.key(server: spec.server, tool: spec.name)
            let on = !remembered.disabledTools.contains(key)
            var line = StyledLine(on ? "    [x] " : "    [ ] ", on ? text : muted)
            line.append(TerminalSanitizer.metadata(spec.name), on ? text : muted)
            if remembered.alwaysTools.contains(key) { line.append("  always approved", theme.style(.warning, on: .surface)) }
            let about = TerminalSanitizer.metadata(spec.description.split(separator: "\n").first.map(String.init) ?? "")
            if !about.isEmpty { line.append("  " + about, muted) }
            return line
        }
    }

    static func statusText(_ status: ToolServerStatus) -> String {
        switch status {
        case .idle: return "idle"
        case .starting: return "starting…"
        case .running: return "running"
        case .failed(let reason): return "failed: " + TerminalSanitizer.metadata(reason)
        case .stopped: return "stopped"
        }
    }

    private static func statusStyle(_ status: ToolServerStatus, theme: Theme) -> Style {
        switch status {
        case .running: return theme.style(.success, on: .surface)
        case .failed: return theme.style(.error, on: .surface)
        default: return theme.style(.textMuted, on: .surface)
        }
    }

    static func hint(_ bindings: KeyBindings) -> String {
        "\(bindings.name(ToolsCommand.toggleTool)) tool on/off · \(bindings.name(ToolsCommand.toggleServer)) server on/off · "
            + "\(bindings.name(ToolsCommand.restart)) restart · \(bindings.name(ToolsCommand.clearApprovals)) forget approvals · "
            + "\(bindings.name(ToolsCommand.close)) close"
    }
}
