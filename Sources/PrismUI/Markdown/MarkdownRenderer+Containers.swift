import PrismTerminal

/// List items and block quotes: strip the container's markers, render the inside, prefix it.
///
/// The inside of a container is itself markdown (paragraphs, nested lists, code), so it
/// goes through the same splitter and renderer at a narrower width; that is what gives
/// nested lists their hanging indent and nested quotes their stacked bars.
extension MarkdownRenderer {
    private static let bullets = ["•", "◦", "▪"]

    /// What an item's marker line decides: the marker as drawn, its style, the content on
    /// that line, and the column later lines are indented to.
    private struct ItemMarker {
        var text: String
        var style: Style
        var first: Substring
        var contentIndent: Int
        var width: Int { DisplayWidth.of(text) + 1 }
    }

    private func itemMarker(_ firstLine: Substring, context: Context) -> ItemMarker? {
        guard let marker = MarkdownLine(firstLine).listMarker else { return nil }
        // Content of the first line starts after the marker.
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
        return ItemMarker(text: markerText, style: markerStyle, first: first, contentIndent: marker.contentIndent)
    }

    func listItem(_ source: String, width: Int, context: Context) -> [StyledLine] {
        let lines = MarkdownLayout.lines(source)
        guard let firstLine = lines.first, let marker = itemMarker(firstLine, context: context) else {
            return paragraph(lines, width: width, base: context.base)
        }
        // Later lines lose the item's indent.
        let rest = lines.dropFirst().map { MarkdownLayout.dropIndent($0, columns: marker.contentIndent) }
        var firstPrefix = StyledLine(marker.text, marker.style)
        firstPrefix.append(" ", context.base)
        return itemBody(([String(marker.first)] + rest).joined(separator: "\n"), marker: marker, firstPrefix: firstPrefix,
                        width: width, context: context)
    }

    /// The rest of an item that was cut (see `MarkdownSplitLimits`): its lines under the
    /// hanging indent of the item whose marker line is `head`, with no marker of its own.
    func listItemContinuation(_ source: String, head: String, width: Int, context: Context) -> [StyledLine] {
        let lines = MarkdownLayout.lines(source)
        guard let firstLine = MarkdownLayout.lines(head).first, let marker = itemMarker(firstLine, context: context) else {
            return paragraph(lines, width: width, base: context.base)
        }
        let inner = lines.map { MarkdownLayout.dropIndent($0, columns: marker.contentIndent) }.joined(separator: "\n")
        let hanging = StyledLine(String(repeating: " ", count: marker.width), context.base)
        return itemBody(inner, marker: marker, firstPrefix: hanging, width: width, context: context)
    }

    private func itemBody(_ inner: String, marker: ItemMarker, firstPrefix: StyledLine, width: Int, context: Context) -> [StyledLine] {
        var innerContext = context
        innerContext.depth += 1
        var body = render(text: inner, width: max(1, width - marker.width), context: innerContext)
        if body.isEmpty { body = [StyledLine()] }
        let hanging = StyledLine(String(repeating: " ", count: marker.width), context.base)
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
