import Foundation

/// Every model set Prism knows: those in config.toml and those saved from the chat screen.
///
/// A name in config.toml wins: a saved set of the same name is hidden, and the chat
/// screen refuses to save or delete a name the file defines, so the file the user
/// writes by hand always says what a name means.
public struct ModelSets: Sendable, Equatable {
    /// Where a set was defined.
    public enum Origin: String, Sendable, Equatable {
        case config, saved
    }

    /// From config.toml's `[sets]`, in file order; read-only here.
    public var configured: [ModelSet]
    /// Saved with `/set save`, in the order they were first saved.
    public var saved: [ModelSet]
    /// config.toml entries that were skipped, by name, with the warning saying why.
    public var ignored: [String: String]

    public init(configured: [ModelSet] = [], saved: [ModelSet] = [], ignored: [String: String] = [:]) {
        self.configured = configured
        self.saved = saved
        self.ignored = ignored
    }

    /// config.toml's valid and skipped sets plus the saved ones.
    public init(config: ResolvedConfig, saved: [ModelSet]) {
        self.init(configured: config.modelSets, saved: saved, ignored: config.ignoredModelSets)
    }

    /// Every usable set: config.toml's first, then the saved ones it does not shadow.
    public var all: [ModelSet] {
        configured + saved.filter { s in !configured.contains { $0.name == s.name } }
    }

    public var isEmpty: Bool { configured.isEmpty && saved.isEmpty }

    /// The set with this exact name.
    public func named(_ name: String) -> ModelSet? {
        configured.first { $0.name == name } ?? saved.first { $0.name == name }
    }

    /// Where the set with this name comes from, or nil when there is none.
    public func origin(of name: String) -> Origin? {
        if configured.contains(where: { $0.name == name }) { return .config }
        return saved.contains { $0.name == name } ? .saved : nil
    }

    /// Saves a set, replacing a saved one of the same name; returns whether it replaced one.
    /// Throws a one-line reason (not repeating the name) when the set is invalid or config.toml defines the name.
    @discardableResult
    public mutating func save(_ set: ModelSet) throws(ModelSetError) -> Bool {
        if let problem = set.problem { throw ModelSetError(problem) }
        if origin(of: set.name) == .config {
            throw ModelSetError("config.toml defines it: edit it there or pick another name")
        }
        if let i = saved.firstIndex(where: { $0.name == set.name }) {
            saved[i] = set
            return true
        }
        saved.append(set)
        return false
    }

    /// Deletes a saved set; config.toml's sets can only be removed from the file.
    public mutating func delete(_ name: String) throws(ModelSetError) {
        if let i = saved.firstIndex(where: { $0.name == name }), origin(of: name) == .saved {
            saved.remove(at: i)
            return
        }
        if origin(of: name) == .config {
            throw ModelSetError("set '\(name)' is defined in config.toml: remove it there")
        }
        throw unknown(name)
    }

    /// "unknown set 'x'", followed by the names there are or how to make one; for a set
    /// config.toml defines but that was skipped, the warning that says why.
    public func unknown(_ name: String) -> ModelSetError {
        if let why = ignored[name] { return ModelSetError(why) }
        return ModelSetError("unknown set '\(name)'; " + knownNames)
    }

    /// "sets: a, b" or, when there are none, how to make one.
    public var knownNames: String {
        let names = all.map(\.name)
        return names.isEmpty
            ? "no sets yet: add a [sets] table to config.toml or save one in the chat screen with /set save NAME"
            : "sets: " + names.joined(separator: ", ")
    }
}

/// Why a set could not be saved, deleted or found, in one line.
public struct ModelSetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
