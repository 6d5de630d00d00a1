import Foundation

/// Small integer ids for the names of one column (models, providers, tags) while a report
/// reads many thousand rows naming a few dozen: the bytes are hashed and compared in place,
/// so no `String` is made or hashed per row. NULL is the name "-".
struct NameTable {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []
    private var slots: [UInt64: [Int]] = [:]

    /// The id of the column's name in the statement's current row.
    mutating func id(_ statement: SQLiteStatement, _ column: Int32) -> Int {
        statement.withBytes(column) { buffer in
            let raw = buffer ?? UnsafeRawBufferPointer(start: nil, count: 0)
            let null = buffer == nil
            var hash: UInt64 = null ? 1 : 14_695_981_039_346_656_037
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            if let candidates = slots[hash] {
                for id in candidates where bytes[id].elementsEqual(raw) && (names[id] == "-") == null { return id }
            }
            let id = names.count
            names.append(null ? "-" : String(decoding: raw, as: UTF8.self))
            bytes.append(Array(raw))
            slots[hash, default: []].append(id)
            return id
        }
    }
}
