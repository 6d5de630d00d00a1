import Foundation
import PrismCore
import PrismTerminal

/// The leaderboard view: the tags to choose from, then one row per model (rank, model,
/// rating ± its 95% interval, matches, wins-ties-losses), a model with few matches dimmed
/// and marked ≈, then how to read it and the keys.
enum LeaderboardPane {
    static let rankWidth = 4, ratingWidth = 13, matchesWidth = 8, recordWidth = 9

    static func render(_ state: AppState, bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard let view = state.leaderboard else { return }
        frame.fill(rect, style: theme.style(.surface, on: .surface))
        var title = StyledLine("Leaderboard", theme.style(.accent, on: .surface))
        title.append(" · your verdicts, " + (view.tag.map { "tag \($0.rawValue)" } ?? "all tags"), theme.style(.textMuted, on: .surface))
        frame.drawBox(rect, style: theme.style(.borderFocused, on: .surface), title: title)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard inner.height >= 5, inner.width >= 30 else { return }
        let muted = theme.style(.textMuted, on: .surface), text = theme.style(.text, on: .surface)
        var y = inner.y
        frame.put(tagLine(view, theme: theme), at: Point(x: inner.x, y: y), clip: inner)
        y += 2
        let footer = footerLines(bindings, width: inner.width)
        let listEnd = inner.maxY - footer.count - 1
        let board = view.board
        if let error = view.error {
            frame.put(StyledLine("could not read the verdicts: " + TerminalSanitizer.metadata(error), theme.style(.error, on: .surface)),
                      at: Point(x: inner.x, y: y), clip: inner)
        } else if view.records == nil {
            frame.put(StyledLine("reading verdicts…", muted), at: Point(x: inner.x, y: y), clip: inner)
        } else if board.rows.isEmpty {
            for line in TextWrap.wrap(StyledLine(board.emptyText, muted), width: inner.width) where y < listEnd {
                frame.put(line, at: Point(x: inner.x, y: y), clip: inner)
                y += 1
            }
        } else {
            let modelWidth = max(8, inner.width - rankWidth - ratingWidth - matchesWidth - recordWidth)
            frame.put(StyledLine(row("#", "MODEL", "RATING", "MATCHES", "W-T-L", modelWidth: modelWidth), muted.adding(.bold)),
                      at: Point(x: inner.x, y: y), clip: inner)
            y += 1
            for r in board.rows.dropFirst(view.scroll) where y < listEnd {
                let line = row(String(r.rank), TerminalSanitizer.metadata(r.model), r.ratingText, String(r.matches), r.recordText, modelWidth: modelWidth)
                frame.put(StyledLine(line, r.isTentative ? muted : text), at: Point(x: inner.x, y: y), clip: inner)
                y += 1
            }
            let shown = min(board.rows.count - view.scroll, max(0, listEnd - inner.y - 3))
            if shown < board.rows.count, y <= listEnd {
                frame.put(StyledLine("rows \(view.scroll + 1)–\(view.scroll + shown) of \(board.rows.count)", muted), at: Point(x: inner.x, y: listEnd), clip: inner)
            }
        }
        for (i, line) in footer.enumerated() {
            frame.put(StyledLine(line, muted), at: Point(x: inner.x, y: inner.maxY - footer.count + i), clip: inner)
        }
    }

    /// One table row: rank and numbers right-aligned, the model cut to its column.
    static func row(_ rank: String, _ model: String, _ rating: String, _ matches: String, _ record: String, modelWidth: Int) -> String {
        func right(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - DisplayWidth.of(s))) + s }
        return right(rank, rankWidth - 1) + " " + model.truncated(to: modelWidth - 1).padded(to: modelWidth)
            + right(rating, ratingWidth) + right(matches, matchesWidth) + right(record, recordWidth)
    }

    /// "all · code · math …" with the shown choice highlighted.
    static func tagLine(_ view: LeaderboardViewState, theme: Theme) -> StyledLine {
        var line = StyledLine()
        let choices: [PromptTag?] = [nil] + PromptTag.allCases.map { Optional($0) }
        for (i, choice) in choices.enumerated() {
            if i > 0 { line.append("  ", theme.style(.textMuted, on: .surface)) }
            let name = choice?.rawValue ?? "all"
            line.append(choice == view.tag ? "[\(name)]" : name,
                        choice == view.tag ? theme.style(.accent, on: .surface).adding(.bold) : theme.style(.textMuted, on: .surface))
        }
        return line
    }

    /// How to read the figures, then the keys as bound now.
    static func footerLines(_ bindings: KeyBindings, width: Int) -> [String] {
        let method = TextWrap.wrap(StyledLine(Leaderboard.method + "."), width: max(1, width)).map(\.text)
        return method + [KeyHints.fit(KeyHints.leaderboardHints(bindings), width: width)]
    }
}
