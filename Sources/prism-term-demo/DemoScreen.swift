import PrismTerminal

/// What the demo shows: a box, wide text, colours, attributes, and the last events.
///
/// Rendering is a pure function of this state, like the real app's view, so the demo
/// also exercises the backend's diff (only the counter and the event list change).
struct DemoScreen {
    var events: [String] = []
    var typed = ""
    var ticks = 0
    var note = ""

    mutating func record(_ event: InputEvent) {
        events.append(Self.describe(event))
        if events.count > 16 { events.removeFirst(events.count - 16) }
    }

    func render(size: Size, colorSupport: ColorSupport) -> Frame {
        var frame = Frame(size: size)
        guard size.width >= 20, size.height >= 8 else {
            frame.put("too small", at: Point(x: 0, y: 0), style: .plain)
            return frame
        }
        let border = Style(foreground: .ansi(6))
        drawBox(&frame, Rect(size: size), style: border)
        frame.put(" prism-term-demo ", at: Point(x: 2, y: 0), style: border.adding(.bold))
        let inner = Rect(size: size).inset(top: 1, left: 2, bottom: 1, right: 2)
        var y = inner.y
        func line(_ text: String, _ style: Style = .plain) {
            frame.put(text, at: Point(x: inner.x, y: y), style: style, clip: inner)
            y += 1
        }
        line("size \(size)  colours \(colorSupport)  ticks \(ticks)", Style(attributes: .bold))
        line("wide: 漢字かな交じり 한국어 👍 🎉 café e\u{301} ☀️|")
        var x = frame.put("attrs: ", at: Point(x: inner.x, y: y), style: .plain, clip: inner)
        for (name, attribute) in [("bold", TextAttributes.bold), ("dim", .dim), ("italic", .italic),
                                  ("underline", .underline), ("reverse", .reverse)] {
            x = frame.put(name, at: Point(x: x, y: y), style: Style(attributes: attribute), clip: inner)
            x = frame.put(" ", at: Point(x: x, y: y), style: .plain, clip: inner)
        }
        y += 1
        x = frame.put("ansi: ", at: Point(x: inner.x, y: y), style: .plain, clip: inner)
        for n in 0..<16 { x = frame.put("  ", at: Point(x: x, y: y), style: Style(background: .ansi(UInt8(n))), clip: inner) }
        y += 1
        x = frame.put("rgb:  ", at: Point(x: inner.x, y: y), style: .plain, clip: inner)
        for n in 0..<32 {
            let v = UInt8(n * 8)
            x = frame.put(" ", at: Point(x: x, y: y), style: Style(background: .rgb(v, 64, 255 - v)), clip: inner)
        }
        frame.put(" red on blue", at: Point(x: x, y: y), style: Style(foreground: .rgb(255, 80, 80), background: .indexed(17)), clip: inner)
        y += 2
        line("Ctrl-Q quit · Ctrl-Z suspend · Ctrl-Y copy typed text (OSC 52) · type, paste, click, scroll", Style(foreground: .ansi(8)))
        line("last events:", Style(attributes: .underline))
        for event in events where y < inner.maxY - 2 { line("  " + event) }
        if !note.isEmpty { frame.put(note, at: Point(x: inner.x, y: inner.maxY - 2), style: Style(foreground: .ansi(3)), clip: inner) }
        let promptY = inner.maxY - 1
        let end = frame.put("> " + typed, at: Point(x: inner.x, y: promptY), style: .plain, clip: inner)
        frame.cursor = Point(x: end, y: promptY)
        return frame
    }

    private func drawBox(_ frame: inout Frame, _ r: Rect, style: Style) {
        let horizontal = String(repeating: "─", count: max(0, r.width - 2))
        frame.put("┌" + horizontal + "┐", at: Point(x: r.x, y: r.y), style: style)
        frame.put("└" + horizontal + "┘", at: Point(x: r.x, y: r.maxY - 1), style: style)
        for y in (r.y + 1)..<(r.maxY - 1) {
            frame.put("│", at: Point(x: r.x, y: y), style: style)
            frame.put("│", at: Point(x: r.maxX - 1, y: y), style: style)
        }
    }

    static func describe(_ event: InputEvent) -> String {
        switch event {
        case .key(let key): return "key \(key)"
        case .paste(let text): return "paste \(text.count) chars: \(String(reflecting: text))"
        case .mouse(let mouse): return "mouse \(mouse.kind) at \(mouse.position.x),\(mouse.position.y)"
        case .resize(let size): return "resize \(size)"
        case .resumed: return "resumed"
        case .terminate(let signal): return "terminate (signal \(signal))"
        }
    }
}
