import Foundation
import PrismCore
import PrismTerminal

extension PickerPane {
    /// A model row's variant: the chosen one as a tag after the id (`openai/gpt-4o [nitro]`),
    /// its entry for the price columns, and on the highlighted row the others it offers,
    /// dimmed, so the variant key's choices show where it acts.
    struct VariantChips {
        /// The row's model as chosen (`AppState.pickerChoice`).
        let choice: ModelInfo
        /// The id column's text.
        let label: String
        /// The offered variants not chosen, as one dimmed piece after the label; empty off the highlight.
        let others: String

        init(_ state: AppState, _ model: ModelInfo, offered: Bool) {
            let chosen = state.picker.variants[model.id]
            choice = state.pickerChoice(model)
            label = model.id + (chosen.map { " [\($0.rawValue)]" } ?? "")
            others = offered ? state.offeredVariants(model).filter { $0 != chosen }.map(\.suffix).joined(separator: " ") : ""
        }

        /// Draws the dimmed variants after the label, inside the id column `row`.
        func draw(into frame: inout Frame, row: Rect, style: Style) {
            guard !others.isEmpty else { return }
            let x = row.x + DisplayWidth.of(label) + 1
            guard x < row.maxX else { return }
            frame.put(others, at: Point(x: x, y: row.y), style: style, clip: Rect(x: x, y: row.y, width: row.maxX - x, height: 1))
        }
    }
}
