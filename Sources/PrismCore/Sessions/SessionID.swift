import Foundation

/// Session ids: sortable, readable, and safe as file names.
///
/// `20261122-025100-7f3a` is the UTC creation time plus four random hex digits, so
/// `ls` lists sessions in creation order and a user can type `prism sessions show
/// 20261122` to pick one by prefix.
public enum SessionID {
    /// A new id for a session created at `now`; pass `random` to make it predictable in tests.
    public static func make(now: Date = Date(), random: UInt16 = .random(in: .min ... .max)) -> String {
        let stamp = UTCTimestamp(now) ?? UTCTimestamp(Date(timeIntervalSince1970: 0))!
        let hex = String(random, radix: 16)
        return stamp.compact() + "-" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// True when `id` can name a session file: 1–128 of `A-Z a-z 0-9 - _ .`, not starting with `.`.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 128, !id.hasPrefix(".") else { return false }
        return id.utf8.allSatisfy { byte in
            (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// Throws `SessionStoreError.invalidID` unless `isValid(id)`; keeps ids from naming paths outside the folder.
    static func validate(_ id: String) throws {
        guard isValid(id) else { throw SessionStoreError.invalidID(id) }
    }

    /// The one id among `ids` that equals or starts with what the user typed (case-insensitive).
    ///
    /// An exact match wins even when it is also a prefix of others. Throws `notFound`
    /// when nothing matches and `ambiguous` (candidates newest first) when several do.
    public static func resolve(_ typed: String, among ids: [String]) throws -> String {
        let wanted = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !wanted.isEmpty else { throw SessionStoreError.notFound(typed) }
        if ids.contains(wanted) { return wanted }
        let lowered = wanted.lowercased()
        if let exact = ids.first(where: { $0.lowercased() == lowered }) { return exact }
        let matches = ids.filter { $0.lowercased().hasPrefix(lowered) }.sorted(by: >)
        switch matches.count {
        case 0: throw SessionStoreError.notFound(wanted)
        case 1: return matches[0]
        default: throw SessionStoreError.ambiguous(prefix: wanted, candidates: matches)
        }
    }
}
