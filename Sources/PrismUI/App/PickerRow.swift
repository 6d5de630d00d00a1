import Foundation
import PrismCore

/// What a row of the model picker holds: the route row (first), a model set (listed next) or a model.
public enum PickerRow: Sendable, Equatable {
    /// "Route each prompt to the best candidate" (`Reducer+Route`).
    case route
    case set(ModelSet)
    case model(ModelInfo)
}

extension AppState {
    /// The sets the picker lists above the models.
    /// None while the picker adds a fallback: a chain takes one model at a time.
    var pickerSets: [ModelSet] { fallbackEditor?.adding == true ? [] : picker.visibleSets(modelSets) }

    /// The route row is listed while choosing the model of a single chat, once there are two
    /// candidates to choose between (or the session is routed), and the query (if any) matches "route".
    var pickerShowsRoute: Bool {
        fallbackEditor?.adding != true && !isComparing && (isRouted || routeCandidates.count >= 2)
            && (picker.query.isEmpty || FuzzyMatcher.matchWords(picker.query, in: "route") != nil)
    }

    /// How many rows come before the models: the route row, then the sets.
    var pickerHeadCount: Int { (pickerShowsRoute ? 1 : 0) + pickerSets.count }

    /// How many rows the picker lists: the route row, matching sets, then matching models.
    public var pickerRowCount: Int { pickerHeadCount + picker.modelCount(in: catalog) }

    /// The row under the picker's selection, if any.
    var pickerSelectedRow: PickerRow? {
        let route = pickerShowsRoute ? 1 : 0
        if picker.selection < route { return .route }
        let sets = pickerSets
        if picker.selection - route < sets.count { return .set(sets[picker.selection - route]) }
        return pickerModels.model(at: picker.selection - route - sets.count).map(PickerRow.model)
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
