import Foundation

extension PrismConfig {
    /// Reads `[sets]` (`name = ["model", "model"]`), in file order.
    ///
    /// `sets` that is not a table is an error like any other wrong type. A bad entry (not
    /// an array of ids, the wrong number of models, a repeated id, a name `/set` could not
    /// take) is a warning naming the line and is skipped: one broken set should not stop
    /// the chat screen or `prism ask` from starting.
    static func readSets(_ reader: inout ConfigFileReader) throws(TOMLError) -> [ModelSet]? {
        guard let table = try reader.table("sets") else { return nil }
        let document = reader.document
        func line(_ name: String) -> Int { document.line(of: ["sets", name]) ?? 0 }
        var sets: [ModelSet] = []
        for (name, value) in table.sorted(by: { (line($0.key), $0.key) < (line($1.key), $1.key) }) {
            let path = ["sets", name]
            guard let models = value.stringArray else {
                let why = value.array != nil ? "every model id must be a string" : "it must be an array of model ids, not \(value.kindName)"
                reader.warn(path, "set '\(name)' ignored: \(why)")
                continue
            }
            let set = ModelSet(name: name, models: models)
            if let problem = set.problem {
                reader.warn(path, "set '\(name)' ignored: \(problem)")
                continue
            }
            sets.append(set)
        }
        return sets
    }
}
