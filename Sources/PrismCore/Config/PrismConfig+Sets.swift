import Foundation

extension PrismConfig {
    /// Reads `[sets]` (`name = ["model", "model"]`), in file order.
    ///
    /// `sets` that is not a table is an error like any other wrong type. A bad entry (not
    /// an array of ids, the wrong number of models, a repeated id, a name `/set` could not
    /// take) is a warning naming the line and is skipped: one broken set should not stop
    /// the chat screen or `prism ask` from starting.
    ///
    /// Returns the valid sets and, by name, the warning for each one skipped.
    static func readSets(_ reader: inout ConfigFileReader) throws(TOMLError) -> (sets: [ModelSet], ignored: [String: String])? {
        guard let table = try reader.table("sets") else { return nil }
        var ignored: [String: String] = [:]
        func skip(_ name: String, _ why: String) {
            reader.warn(["sets", name], "set '\(name)' ignored: \(why)")
            ignored[name] = reader.warnings.last
        }
        let document = reader.document
        func line(_ name: String) -> Int { document.line(of: ["sets", name]) ?? 0 }
        var sets: [ModelSet] = []
        for (name, value) in table.sorted(by: { (line($0.key), $0.key) < (line($1.key), $1.key) }) {
            guard let models = value.stringArray else {
                skip(name, value.array != nil ? "every model id must be a string" : "it must be an array of model ids, not \(value.kindName)")
                continue
            }
            let set = ModelSet(name: name, models: models)
            if let problem = set.problem {
                skip(name, problem)
                continue
            }
            sets.append(set)
        }
        return (sets, ignored)
    }
}
