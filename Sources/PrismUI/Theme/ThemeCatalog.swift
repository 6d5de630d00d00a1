import Foundation
import PrismCore
import PrismTerminal

/// Finds and loads themes by name: the user's folder first, then the themes built into Prism.
///
/// The shipped themes are the files of `themes/`, embedded in the binary by SwiftPM
/// (`ShippedThemes`), so an installed binary needs no data files. A user file with the
/// name of a shipped theme overrides that theme: it extends the shipped one, so it only
/// needs the tokens it changes.
public struct ThemeCatalog: Sendable {
    /// The theme used when none is configured.
    public static let defaultThemeName = "dark"
    /// The longest `extends` chain followed before giving up.
    static let maximumDepth = 32

    /// `$XDG_CONFIG_HOME/prism/themes`, or nil to use only the shipped themes.
    public let userDirectory: URL?
    let shipped: [String: String]

    public init(userDirectory: URL?) {
        self.init(userDirectory: userDirectory, shipped: ShippedThemes.files)
    }

    /// The catalog for `paths`, reading user themes from `paths.config/themes`.
    public init(paths: PrismPaths) {
        self.init(userDirectory: paths.config.appendingPathComponent("themes", isDirectory: true))
    }

    init(userDirectory: URL?, shipped: [String: String]) {
        self.userDirectory = userDirectory
        self.shipped = shipped
    }

    /// The names of the themes built into Prism, sorted.
    public var shippedThemes: [String] { shipped.keys.sorted() }

    /// The names of the `.toml` files in the user's theme folder, sorted.
    public func userThemes() -> [String] {
        guard let userDirectory,
              let entries = try? FileManager.default.contentsOfDirectory(atPath: userDirectory.path)
        else { return [] }
        return entries.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
            .filter(Self.isValidName).sorted()
    }

    /// Every theme name `load(name:)` accepts (shipped and user, each once), sorted.
    public func availableThemes() -> [String] {
        Set(shippedThemes + userThemes()).sorted()
    }

    /// Loads a theme, following `extends`, with every token resolved to a truecolor style.
    ///
    /// `"default"` means `dark` unless a theme is actually called `default`.
    public func load(name requested: String) throws(ThemeError) -> Theme {
        var name = requested
        if name == "default", source(named: name) == nil { name = Self.defaultThemeName }
        guard Self.isValidName(name) else { throw .invalidName(requested) }
        guard var source = source(named: name) else {
            throw .notFound(name: requested, available: availableThemes())
        }
        var chain: [ThemeFile] = []
        var seen: [Source] = []
        while true {
            seen.append(source)
            let file = try read(source)
            chain.append(file)
            guard let parent = parentSource(of: file, origin: source.origin) else { break }
            let next = try parent.get()
            if seen.contains(next) { throw .cycle(seen.map(\.name) + [next.name]) }
            if seen.count >= Self.maximumDepth {
                throw .invalidFile(file: file.fileName, line: file.extendsLine, message: "'extends' chain is longer than \(Self.maximumDepth)")
            }
            source = next
        }
        return try Self.merge(chain)
    }

    /// Whether `name` can be a theme's file name: letters, digits, `-` and `_` only.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ThemeFile.isNameCharacter($0) }
    }

    // MARK: Sources

    enum Origin: Sendable, Hashable { case user, shipped }

    struct Source: Sendable, Hashable {
        var name: String
        var origin: Origin
    }

    private func userFile(_ name: String) -> URL? {
        userDirectory?.appendingPathComponent("\(name).toml")
    }

    /// The user's file for `name` if there is one, else the shipped theme, else nil.
    func source(named name: String) -> Source? {
        guard Self.isValidName(name) else { return nil }
        if let url = userFile(name), FileManager.default.fileExists(atPath: url.path) {
            return Source(name: name, origin: .user)
        }
        return shipped[name] != nil ? Source(name: name, origin: .shipped) : nil
    }

    /// The theme `file` extends, nil for a root theme, or the error explaining a bad `extends`.
    private func parentSource(of file: ThemeFile, origin: Origin) -> Result<Source, ThemeError>? {
        let error = { (message: String) in ThemeError.invalidFile(file: file.fileName, line: file.extendsLine, message: message) }
        // A user theme named like a shipped one refines it, with or without `extends`.
        let overridesShipped = origin == .user && shipped[file.name] != nil
        guard let parent = file.extends ?? (overridesShipped ? file.name : nil) else { return nil }
        guard Self.isValidName(parent) else { return .failure(error("invalid theme name '\(parent)' in 'extends'")) }
        if parent == file.name, origin == .user {
            return overridesShipped ? .success(Source(name: parent, origin: .shipped)) : .failure(.cycle([parent, parent]))
        }
        guard let found = source(named: parent) else {
            let available = availableThemes().joined(separator: ", ")
            return .failure(error("'extends': theme '\(parent)' not found; available: \(available)"))
        }
        return .success(found)
    }

    private func read(_ source: Source) throws(ThemeError) -> ThemeFile {
        switch source.origin {
        case .shipped:
            return try ThemeFile(parsing: shipped[source.name] ?? "", name: source.name, fileName: "themes/\(source.name).toml")
        case .user:
            let url = userFile(source.name)!
            let text: String
            do {
                text = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw .unreadable(path: url.path, reason: "not a readable UTF-8 file")
            }
            return try ThemeFile(parsing: text, name: source.name, fileName: url.path)
        }
    }

    // MARK: Merging

    /// Builds the theme from a chain of files, the requested one first and its root last.
    static func merge(_ chain: [ThemeFile]) throws(ThemeError) -> Theme {
        var palette: [String: Color] = [:]
        var tokens: [ThemeToken: ThemeTokenSpec] = [:]
        var ansiTokens: [ThemeToken: ThemeTokenSpec] = [:]
        for file in chain.reversed() {
            palette.merge(file.palette) { $1 }
            for (token, spec) in file.tokens {
                tokens[token] = spec
                // An inherited 16-colour fallback was made for the inherited colour, not this one.
                if file.ansiTokens[token] == nil { ansiTokens[token] = nil }
            }
            ansiTokens.merge(file.ansiTokens) { $1 }
        }
        let root = chain[chain.count - 1]
        let missing = ThemeToken.allCases.filter { tokens[$0] == nil }.map(\.rawValue)
        if !missing.isEmpty {
            throw .invalidFile(
                file: root.fileName, line: nil,
                message: "missing tokens: \(missing.joined(separator: ", ")); define them or add extends = \"\(defaultThemeName)\"")
        }
        var styles: [ThemeToken: Style] = [:]
        var ansiStyles: [ThemeToken: Style] = [:]
        for token in ThemeToken.allCases {
            styles[token] = try tokens[token]?.resolve(token: token.rawValue, palette: palette)
            ansiStyles[token] = try ansiTokens[token]?.resolve(token: token.rawValue, palette: palette)
        }
        // Overrides of a shipped theme keep its name and description unless they set their own.
        let sameName = chain.prefix { $0.name == chain[0].name }
        return Theme(
            name: chain[0].name,
            displayName: sameName.lazy.compactMap(\.displayName).first,
            description: sameName.lazy.compactMap(\.description).first ?? "",
            styles: styles, ansiStyles: ansiStyles)
    }
}
