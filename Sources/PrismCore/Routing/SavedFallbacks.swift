import Foundation

/// A default fallback chain per model, saved from the chat screen's chain editor in
/// `fallbacks.json` in the state folder. The chat screen applies a model's chain when the
/// user switches to it in a session whose own chain is empty.
///
/// The key is the model id exactly as sent. A damaged file is moved aside by `StateFile`,
/// never overwritten.
public final class SavedFallbacks: @unchecked Sendable {
    private let file: StateFile
    private let lock = NSLock()

    public init(file: URL) {
        self.file = StateFile(url: file)
    }

    public convenience init(paths: PrismPaths) {
        self.init(file: paths.fallbacksFile)
    }

    struct Contents: Codable {
        var version: Int = 1
        var models: [String: [String]]
    }

    /// Every model's saved chain, and a one-line warning when the file was damaged.
    public func loadAll() -> (models: [String: [String]], warning: String?) {
        let loaded = lock.withLock { read() }
        return ((loaded.value?.models ?? [:]).filter { !$0.value.isEmpty }, loaded.warning)
    }

    /// Saves (or, for an empty chain, forgets) the default chain of one model, keeping the
    /// other models' chains as the file holds them now (another window may have saved one).
    public func save(_ chain: [String], for model: String) throws {
        try lock.withLock {
            let loaded = read()
            if loaded.blocked { throw file.blockedFailure }
            var contents = loaded.value ?? Contents(models: [:])
            contents.models[model] = chain.isEmpty ? nil : chain
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try file.save(try encoder.encode(contents))
        }
    }

    private func read() -> StateFile.Loaded<Contents> {
        file.load { try JSONDecoder().decode(Contents.self, from: $0) }
    }
}
