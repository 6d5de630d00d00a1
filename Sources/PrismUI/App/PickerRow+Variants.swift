import Foundation
import PrismCore

/// The picker's variant toggles: which suffixes a model's row offers, and what the row
/// stands for once one is chosen.
extension AppState {
    /// Whether OpenRouter's routing variants (`:nitro`, `:floor`, `:online`) are offered:
    /// on OpenRouter itself only, not on another server or in demo mode.
    var offersRoutingVariants: Bool { serverLabel == nil && !demo }

    /// The variants a model's row offers, in the order the variant key cycles them: those
    /// the catalog lists as ids of their own (`x:free`, `x:thinking`, …), and on OpenRouter
    /// the routing ones for any model that is not a router.
    func offeredVariants(_ model: ModelInfo) -> [ModelVariant] {
        guard !catalog.isEmpty else { return [] }
        let index = CatalogIndex.of(catalog)
        return ModelVariant.allCases.filter { variant in
            if ModelVariant.listed.contains(variant) { return !index.models(id: model.id + variant.suffix).isEmpty }
            return offersRoutingVariants && !model.isRouter
        }
    }

    /// A row's model as chosen: its variant's entry (the catalog's own, or derived with the
    /// base prices and a note) once the variant key picked one, else the row's model.
    func pickerChoice(_ model: ModelInfo) -> ModelInfo {
        guard let variant = picker.variants[model.id] else { return model }
        guard var choice = catalogEntry(model.id + variant.suffix) else { return model }
        choice.variantNote = PriceRange.note(for: choice.id, base: choice.variantNote, range: priceRanges[model.id])
        return choice
    }

    /// The row the current model's dot goes on: its own, or for a variant that has no row
    /// (`x:nitro`, or a free twin listed as its base's toggle) its base's.
    var pickerCurrentRowID: String? {
        guard let model = session.model, !catalog.isEmpty else { return session.model }
        let index = CatalogIndex.of(catalog)
        if let i = index.models(id: model).first, index.freeTwinBase[i] < 0 { return model }
        return ModelVariant.parse(model).base
    }

    /// The id Enter chooses or the mark key marks on the highlighted row; nil on a set row.
    var pickerSelectedChoice: String? { pickerSelectedModel.map { pickerChoice($0).id } }
}

extension Reducer {
    /// The variant key: the highlighted row goes from its base model through each variant
    /// it offers and back.
    /// Choosing `:nitro` or `:floor` fetches the model's providers (once) for their price range.
    static func cycleVariant(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        guard let model = state.pickerSelectedModel else { return [] }
        let offered = state.offeredVariants(model)
        let current = state.picker.variants[model.id]
        if let current, !offered.contains(current) {
            // Chosen elsewhere (`-m x:nitro` on a server that does not offer it): back to the base.
            state.picker.variants[model.id] = nil
            return []
        }
        guard !offered.isEmpty else {
            notify(&state, "\(TerminalSanitizer.metadata(model.id)) has no variants here")
            return []
        }
        let next = current.flatMap(offered.firstIndex).map { $0 + 1 } ?? 0
        let chosen = next < offered.count ? offered[next] : nil
        state.picker.variants[model.id] = chosen
        guard chosen == .nitro || chosen == .floor, state.priceRanges[model.id] == nil else { return [] }
        return [.loadProviders(model: model.id, refresh: false)]
    }

    /// Highlights the row of `model`, or of its base with the variant chosen (`x:nitro`, or a
    /// free twin, which is listed as its base's variant); false when neither is listed.
    static func selectInPicker(_ state: inout AppState, _ model: String) -> Bool {
        let list = state.pickerModels
        if let i = list.position(of: model) {
            state.picker.selection = state.pickerHeadCount + i
            return true
        }
        let (base, variants) = ModelVariant.parse(model)
        guard variants.count == 1, let i = list.position(of: base) else { return false }
        state.picker.variants[base] = variants[0]
        state.picker.selection = state.pickerHeadCount + i
        return true
    }
}
