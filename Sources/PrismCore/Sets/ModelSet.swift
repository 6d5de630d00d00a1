import Foundation

/// A named list of 2 to 4 model ids to compare side by side.
///
/// Sets come from config.toml's `[sets]` table or are saved from the chat screen
/// (`/set save NAME`); `ModelSets` holds both. Names are case-sensitive and spelled
/// like a bare TOML key, so the same name works in the file, in `/set NAME` and in
/// `prism compare --set NAME` without quoting.
public struct ModelSet: Sendable, Equatable, Codable {
    /// How many models a set holds: as many as compare mode shows side by side.
    public static let sizes = 2...4
    /// Words that `/set` reads as sub-commands, so they cannot name a set.
    public static let reservedNames: Set<String> = ["save", "delete", "list"]

    public var name: String
    public var models: [String]

    public init(name: String, models: [String]) {
        self.name = name
        self.models = models
    }

    /// Why `name` cannot name a set, or nil when it can.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a set needs a name" }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") }
        if !allowed { return "a set name may use only letters, digits, '-' and '_'" }
        if reservedNames.contains(name) { return "\(reservedNames.sorted().joined(separator: ", ")) are /set commands, not set names" }
        return nil
    }

    /// Why `models` cannot make a set, or nil when they can: 2 to 4 distinct ids without spaces.
    public static func modelsProblem(_ models: [String]) -> String? {
        guard sizes.contains(models.count) else {
            return "a set needs \(sizes.lowerBound) to \(sizes.upperBound) models, not \(models.count)"
        }
        if let bad = models.first(where: { $0.isEmpty || $0.contains { $0.isWhitespace || $0.isNewline } }) {
            return bad.isEmpty ? "a model id is empty" : "model id '\(bad)' contains a space"
        }
        if let twice = models.first(where: { id in models.filter { $0 == id }.count > 1 }) {
            return "'\(twice)' is listed twice"
        }
        return nil
    }

    /// The first problem with this set, or nil when it is valid.
    public var problem: String? {
        Self.nameProblem(name) ?? Self.modelsProblem(models)
    }
}
