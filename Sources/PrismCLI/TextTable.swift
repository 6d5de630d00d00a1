import PrismTerminal

/// Plain-text tables for the command line: columns padded by display width.
///
/// Widths are display cells, not characters, so CJK titles and emoji line up. The last
/// column is never padded (no trailing spaces), and trailing spaces are trimmed.
enum TextTable {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { DisplayWidth.of($0[i]) }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for i in row.indices {
                let pad = String(repeating: " ", count: widths[i] - DisplayWidth.of(row[i]))
                if i > 0 { line += "  " }
                if rightAligned.contains(i) {
                    line += pad + row[i]
                } else {
                    line += i == row.count - 1 ? row[i] : row[i] + pad
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
