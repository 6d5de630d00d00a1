/// A plain-text table with aligned columns, printed to stdout.
///
/// The first `labelColumns` columns are left-aligned (labels), the others right-aligned (figures).
/// The output is a Markdown table, so it can be pasted into docs/benchmarks.md as is.
struct Table {
    let title: String
    let headers: [String]
    let labelColumns: Int
    private(set) var rows: [[String]] = []
    private(set) var notes: [String] = []

    init(_ title: String, headers: [String], labelColumns: Int = 1) {
        self.title = title
        self.headers = headers
        self.labelColumns = labelColumns
    }

    mutating func add(_ cells: [String]) {
        rows.append(cells)
    }

    mutating func note(_ line: String) {
        notes.append(line)
    }

    func print() {
        let columns = headers.count
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.prefix(columns).enumerated() { widths[i] = Swift.max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for i in 0..<columns {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                parts.append(i < labelColumns ? cell + pad : pad + cell)
            }
            return "| " + parts.joined(separator: " | ") + " |"
        }
        let rule = "|" + widths.enumerated().map { i, w in
            String(repeating: "-", count: w + 1) + (i < labelColumns ? "-" : ":")
        }.joined(separator: "|") + "|"
        Swift.print("\n### \(title)\n")
        Swift.print(line(headers))
        Swift.print(rule)
        for row in rows { Swift.print(line(row)) }
        if !notes.isEmpty {
            Swift.print("")
            for n in notes { Swift.print("- " + n) }
        }
    }
}
