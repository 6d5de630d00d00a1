import Foundation
import PrismCore
import PrismTerminal

/// The question "run this tool?", in a box just above the prompt: the server, the tool and
/// its arguments laid out (sanitised, bidi overrides dropped: they come from the model), then the answers' keys.
enum ToolApprovalPane {
    /// `pane`: in compare mode, the pane whose model asks ("Pane B · openai/gpt-5", or only
    /// "Pane B" while names are hidden).
    static func render(_ step: ToolStep, pane: String? = nil, bindings: KeyBindings, theme: Theme, into frame: inout Frame,
                       above prompt: Rect, area: Rect) {
        let width = area.width
        guard width >= 20, area.height >= 5 else { return }
        let inner = width - 4
        let surface = theme.style(.text, on: .surface), muted = theme.style(.textMuted, on: .surface)
        var head = StyledLine()
        if let pane { head.append(TerminalSanitizer.metadata(pane) + "  ", theme.style(.text, on: .surface).adding(.bold)) }
        head.append("server ", muted)
        head.append(TerminalSanitizer.metadata(step.server ?? "?"), theme.style(.accent, on: .surface).adding(.bold))
        head.append("  tool ", muted)
        head.append(TerminalSanitizer.metadata(step.tool ?? "?"), theme.style(.accent, on: .surface).adding(.bold))
        // Sanitised after pretty-printing, which decodes `\u202e` escapes into real characters.
        let arguments = TerminalSanitizer.sanitize(ToolArguments.pretty(step.call.arguments))
        var body = TextWrap.wrap(arguments, style: surface, width: max(1, inner))
        let keys = hint(bindings)
        let footer = TextWrap.wrap(keys, style: muted, width: max(1, inner))
        // Header, arguments, a gap and the keys, within the transcript's height (borders included).
        let room = max(1, area.height - 2 - 2 - footer.count)
        if body.count > room {
            let cut = body.count - room + 1
            body = Array(body.prefix(room - 1)) + [StyledLine("… \(cut) more lines", muted)]
        }
        let lines = [head] + body + [StyledLine()] + footer
        let height = min(area.height, lines.count + 2)
        let box = Rect(x: area.x, y: max(area.y, prompt.y - height), width: width, height: height)
        frame.fill(box, style: theme.style(.surface, on: .surface))
        frame.drawBox(box, style: theme.style(.warning, on: .surface), title: StyledLine("Run this tool?", theme.style(.warning, on: .surface).adding(.bold)))
        let clip = box.inset(top: 1, left: 2, bottom: 1, right: 2)
        for (i, line) in lines.enumerated() where i < clip.height {
            frame.put(line, at: Point(x: clip.x, y: clip.y + i), clip: clip, over: theme.style(.text, on: .surface))
        }
    }

    /// "y once · t always this tool · s always this server · n deny · Esc stops the turn", from the bindings.
    static func hint(_ bindings: KeyBindings) -> String {
        "\(bindings.name(ToolsCommand.once)) once · \(bindings.name(ToolsCommand.alwaysTool)) always this tool · "
            + "\(bindings.name(ToolsCommand.alwaysServer)) always this server · \(bindings.name(ToolsCommand.deny)) deny · "
            + "\(bindings.name(Command.cancelOrClear)) stops the turn"
    }
}
