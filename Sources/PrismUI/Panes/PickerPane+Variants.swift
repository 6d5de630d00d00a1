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
        /// The offered variants not chosen, dimmed after the label; empty off the highlight.
        let others: [String]

        init(_ state: AppState, _ model: ModelInfo, offered: Bool) {
            let chosen = state.picker.variants[model.id]
            choice = state.pickerChoice(model)
            label = Self.label(model.id, chosen)
            others = offered ? state.offeredVariants(model).filter { $0 != chosen }.map(\.suffix) : []
        }

        /// A row's id with its chosen variant's tag.
        static func label(_ id: String, _ chosen: ModelVariant?) -> String {
            id + (chosen.map { " [\($0.rawValue)]" } ?? "")
        }

        /// Draws the dimmed variants after the label, inside the id column `row`: as many
        /// whole ones as fit (a cut `:fl` would name nothing).
        func draw(into frame: inout Frame, row: Rect, style: Style) {
            var x = row.x + DisplayWidth.of(label) + 1
            for chip in others {
                let width = DisplayWidth.of(chip)
                guard x + width <= row.maxX else { return }
                frame.put(chip, at: Point(x: x, y: row.y), style: style, clip: row)
                x += width + 1
            }
        }
    }
}
