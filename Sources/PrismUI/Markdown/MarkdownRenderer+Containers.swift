import PrismTerminal

/// List items and block quotes: strip the container's markers, render the inside, prefix it.
///
/// The inside of a container is itself markdown (paragraphs, nested lists, code), so it
/// goes through the same splitter and renderer at a narrower width; that is what gives
/// nested lists their hanging indent and nested quotes their stacked bars.
extension MarkdownRenderer {
    private static let bullets = ["•", "◦", "▪"]

    func listItem(_ source: String, width: Int, context: Context) -> [StyledLine] {
        let lines = MarkdownLayout.lines(source)
        guard let firstLine = lines.first, let marker = MarkdownLine(firstLine).listMarker else {
            return paragraph(lines, width: width, base: context.base)
        }
        // Content of the first line starts after the marker; later lines lose the item's indent.
        let firstBytes = Array(firstLine.utf8)
        let afterMarker = String(decoding: firstBytes[min(marker.markerEnd, firstBytes.count)...], as: UTF8.self)
        var first = Substring(MarkdownLayout.expandTabs(Substring(afterMarker)))
        first = first.drop(while: { $0 == " " })

        var markerText: String
        if let number = marker.number {
            let delimiter = firstBytes[marker.markerEnd - 1] == UInt8(ascii: ")") ? ")" : "."
            markerText = "\(number)\(delimiter)"
        } else {
            markerText = Self.bullets[context.depth % Self.bullets.count]
        }
        var markerStyle = MarkdownLayout.overlay(context.base, theme[.listMarker])
        var task: String?
        for (box, done) in [("[ ]", false), ("[x]", true), ("[X]", true)] where first.hasPrefix(box + " ") || first == box {
            task = done ? "[x]" : "[ ]"
            first = first.dropFirst(3).drop(while: { $0 == " " })
            if done { markerStyle = MarkdownLayout.overlay(markerStyle, theme[.success]) }
        }
        if let task { markerText = marker.number == nil ? task : markerText + " " + task }

        let rest = lines.dropFirst().map { MarkdownLayout.dropIndent($0, columns: marker.contentIndent) }
        let inner = ([String(first)] + rest).joined(separator: "\n")
        let markerWidth = DisplayWidth.of(markerText) + 1
        var innerContext = context
        innerContext.depth += 1
        var body = render(text: inner, width: max(1, width - markerWidth), context: innerContext)
        if body.isEmpty { body = [StyledLine()] }
        var firstPrefix = StyledLine(markerText, markerStyle)
        firstPrefix.append(" ", context.base)
        let hanging = StyledLine(String(repeating: " ", count: markerWidth), context.base)
        return MarkdownLayout.prefix(body, first: firstPrefix, rest: hanging, width: width).map(trimTrailingSpaces)
    }

    func quote(_ source: String, width: Int, context: Context) -> [StyledLine] {
        let inner = MarkdownLayout.lines(source).map { line -> String in
            let info = MarkdownLine(line)
            guard info.isQuote else { return String(line) } // a lazy continuation line
            let bytes = Array(line.utf8)
            var start = info.firstNonSpace - (info.bytes.startIndex) + 1
            if start < bytes.count, bytes[start] == UInt8(ascii: " ") { start += 1 }
            return String(decoding: bytes[min(start, bytes.count)...], as: UTF8.self)
        }.joined(separator: "\n")
        var innerContext = context
        innerContext.depth += 1
        innerContext.base = MarkdownLayout.overlay(context.base, theme[.quote]).adding(.italic)
        var body = render(text: inner, width: max(1, width - 2), context: innerContext)
        if body.isEmpty { body = [StyledLine()] }
        let bar = StyledLine("│ ", MarkdownLayout.overlay(context.base, theme[.quote]))
        return MarkdownLayout.prefix(body, first: bar, rest: bar, width: width).map(trimTrailingSpaces)
    }

    /// Drops trailing plain spaces a prefix left on an otherwise empty line.
    private func trimTrailingSpaces(_ line: StyledLine) -> StyledLine {
        var l = line
        while let last = l.spans.last, last.style.background == .default, last.text.hasSuffix(" ") {
            let trimmed = String(last.text.reversed().drop(while: { $0 == " " }).reversed())
            if trimmed.isEmpty {
                l.spans.removeLast()
            } else {
                l.spans[l.spans.count - 1].text = trimmed
                break
            }
        }
        return l
    }
}
