extension String {
    /// Shortens to at most `width` display cells, ending with `…` when cut.
    public func truncated(to width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(self) <= width { return self }
        var out = ""
        var used = 0
        for g in self {
            let w = DisplayWidth.of(g)
            if used + w > width - 1 { break }
            out.append(g)
            used += w
        }
        return out + "…"
    }

    /// Shortens to at most `width` display cells at a word's end, with `…`: never mid-word.
    ///
    /// Words end at spaces and at `separators` (for model ids, `/ - _ :`), which stay
    /// before the `…`; spaces and `·` left at the end go. A text whose first word alone
    /// is too long is cut where it must be, as `truncated` would.
    public func truncatedAtWord(to width: Int, separators: String = "") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(self) <= width { return self }
        let cut = truncated(to: width)
        var kept = String(cut.dropLast())  // without the "…"
        let breaks = Set(separators + " ")
        // A cut right before a space or separator already ends a word.
        if let next = self.dropFirst(kept.count).first, breaks.contains(next) {
        } else if let boundary = kept.lastIndex(where: { breaks.contains($0) }), boundary > kept.startIndex {
            kept = kept[boundary] == " " ? String(kept[..<boundary]) : String(kept[...boundary])
        } else {
            return cut
        }
        while let last = kept.last, last == " " || last == "·" { kept.removeLast() }
        return kept.isEmpty ? cut : kept + "…"
    }

    /// Pads with spaces to exactly `width` display cells (truncating when longer).
    public func padded(to width: Int) -> String {
        let t = truncated(to: width)
        return t + String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
    }

    /// Pads on the left to `width` display cells.
    public func leftPadded(to width: Int) -> String {
        let t = truncated(to: width)
        return String(repeating: " ", count: max(0, width - DisplayWidth.of(t))) + t
    }
}
