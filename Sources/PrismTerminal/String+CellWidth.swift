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
