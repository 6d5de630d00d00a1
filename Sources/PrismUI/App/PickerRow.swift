import Foundation
import PrismCore

/// What a row of the model picker holds: a model set (sets are listed first) or a model.
public enum PickerRow: Sendable, Equatable {
    case set(ModelSet)
    case model(ModelInfo)
}

extension AppState {
    /// The sets the picker lists above the models.
    /// None while the picker adds a fallback: a chain takes one model at a time.
    var pickerSets: [ModelSet] { fallbackEditor?.adding == true ? [] : picker.visibleSets(modelSets) }

    /// How many rows the picker lists: matching sets, then matching models.
    public var pickerRowCount: Int { pickerSets.count + picker.modelCount(in: catalog) }

    /// The row under the picker's selection, if any.
    var pickerSelectedRow: PickerRow? {
        let sets = pickerSets
        if picker.selection < sets.count { return .set(sets[picker.selection]) }
        return pickerModels.model(at: picker.selection - sets.count).map(PickerRow.model)
    }

    /// The picker's models in its order; the estimate sort prices the focused lane's thread and the draft.
    var pickerModels: ModelList {
        picker.models(in: catalog, basis: picker.sort == .estimate ? CostPreview.pickerBasis(self) : nil)
    }

    /// The model under the picker's selection; nil on a set row.
    var pickerSelectedModel: ModelInfo? {
        if case .model(let model) = pickerSelectedRow { return model }
        return nil
    }
}
