import Foundation
import PrismCore

/// Model sets: named lists of 2 to 4 models, from config.toml or saved here with `/set save`.
///
/// Saving or deleting changes `state.modelSets` and asks for `.saveModelSets` with the
/// saved sets before and after, so the reducer stays free of I/O.
extension Reducer {
    /// `/set NAME`, `/set save NAME [MODEL…]`, `/set delete NAME`, `/set` (or `/sets`) to list.
    static func setCommand(_ state: inout AppState, _ argument: String, _ env: ReducerEnvironment) -> [Effect] {
        let bindings = env.bindings
        let words = argument.split(separator: " ").map(String.init)
        switch words.first {
        case nil, "list":
            return listSets(&state, bindings)
        case "save":
            guard words.count >= 2 else {
                notify(&state, "usage: /set save NAME [MODEL MODEL [MODEL] [MODEL]]", .error)
                return []
            }
            return saveSet(&state, name: words[1], models: Array(words.dropFirst(2)))
        case "delete":
            guard words.count == 2 else {
                notify(&state, "usage: /set delete NAME", .error)
                return []
            }
            return deleteSet(&state, words[1])
        default:
            guard words.count == 1 else {
                notify(&state, "usage: /set NAME · /set save NAME · /set delete NAME · /sets", .error)
                return []
            }
            return useSet(&state, words[0], env)
        }
    }

    /// Enters compare mode (or changes its models) with a set's models.
    static func useSet(_ state: inout AppState, _ name: String, _ env: ReducerEnvironment) -> [Effect] {
        guard let set = state.modelSets.named(name) else {
            notify(&state, state.modelSets.unknown(name).message, .error)
            return []
        }
        return enterCompare(&state, models: set.models, setName: set.name, env)
    }

    /// Saves the listed models, else the compare panes' models, else the picker's marks, as `name`.
    static func saveSet(_ state: inout AppState, name: String, models listed: [String]) -> [Effect] {
        let models = !listed.isEmpty ? listed : state.comparedModels ?? state.picker.marked
        guard !models.isEmpty else {
            notify(&state, "nothing to save: compare 2 to \(Lane.maxCount) models first, or: /set save \(name) MODEL MODEL", .error)
            return []
        }
        let replaced: Bool
        let before = state.modelSets.saved
        do {
            replaced = try state.modelSets.save(ModelSet(name: name, models: models))
        } catch {
            notify(&state, "cannot save '\(name)': \(error.message)", .error)
            return []
        }
        notify(&state, "\(replaced ? "updated" : "saved") set \(name) (/set \(name) compares them): \(models.joined(separator: ", "))")
        return [.saveModelSets(before: before, after: state.modelSets.saved)]
    }

    /// Deletes a saved set.
    static func deleteSet(_ state: inout AppState, _ name: String) -> [Effect] {
        let before = state.modelSets.saved
        do {
            try state.modelSets.delete(name)
        } catch {
            notify(&state, error.message, .error)
            return []
        }
        notify(&state, "deleted set \(name)")
        return [.saveModelSets(before: before, after: state.modelSets.saved)]
    }

    /// Opens the picker at the top, where the sets are listed.
    static func listSets(_ state: inout AppState, _ bindings: KeyBindings) -> [Effect] {
        let sets = state.modelSets.all
        guard !sets.isEmpty else {
            notify(&state, state.modelSets.knownNames)
            return []
        }
        state.focus = .picker
        state.picker.query = ""
        state.picker.selection = state.pickerHeadCount - state.pickerSets.count  // the first set, below the route row
        state.picker.marked = state.comparedModels ?? []
        notify(&state, Formatting.count(sets.count, "set") + ": \(bindings.name(PickerCommand.choose)) compares one · \(bindings.name(PickerCommand.mark)) marks its models")
        return catalogLoadEffects(state)
    }

    /// The mark key on a set row: marks exactly its models (again: clears the marks).
    static func markSet(_ state: inout AppState, _ set: ModelSet, _ bindings: KeyBindings) {
        if state.picker.marked == set.models {
            state.picker.marked = []
        } else {
            state.picker.marked = set.models
            notify(&state, "marked set \(set.name): \(bindings.name(PickerCommand.choose)) compares · \(bindings.name(PickerCommand.mark)) on a model adds or drops it")
        }
    }
}
