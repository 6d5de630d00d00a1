import Foundation
import PrismTerminal

/// Which key triggers which command, per context.
///
/// `commands` are the prompt's (and, where no transcript key says otherwise, the
/// transcript's and the overlays' fallback); `transcript` holds keys that mean a command
/// only outside a text editor; `picker`, `browser` and `themes` the keys inside those overlays.
public struct KeyBindings: Sendable, Equatable {
    public private(set) var commands: [Key: Command]
    public private(set) var transcript: [Key: Command]
    public private(set) var picker: [Key: PickerCommand]
    public private(set) var browser: [Key: BrowserCommand]
    public private(set) var themes: [Key: ThemesCommand]
    public private(set) var budget: [Key: BudgetCommand] = KeyBindings.budgetKeys
    public private(set) var fallbacks: [Key: FallbacksCommand] = KeyBindings.fallbacksKeys
    public private(set) var confirm: [Key: ConfirmCommand] = KeyBindings.confirmKeys
    public private(set) var editor: [Key: EditorCommand] = KeyBindings.editorKeys
    public private(set) var providers: [Key: ProvidersCommand] = KeyBindings.providersKeys
    public private(set) var stats: [Key: StatsCommand] = KeyBindings.statsKeys
    public private(set) var leaderboard: [Key: LeaderboardCommand] = KeyBindings.leaderboardKeys
    public private(set) var why: [Key: RouteWhyCommand] = KeyBindings.whyKeys
    public private(set) var tools: [Key: ToolsCommand] = KeyBindings.toolsKeys
    /// The key hints name for a command bound to several ("context.command", plain for the
    /// prompt): the first one the config listed, or the usual one by default.
    private var named: [String: Key] = [
        "newline": Key(.enter, .alt), "picker.mark": .ctrl("t"), "themes.keep": Key(.enter), "confirm.yes": .char("y"),
        "fallbacks.add": .char("a"), "fallbacks.remove": .char("d"), "fallbacks.move_up": .char("K"), "fallbacks.move_down": .char("J"),
        "picker.providers": .alt("r"), "providers.save": Key(.enter), "providers.move_up": .char("["), "providers.move_down": .char("]"),
        "open_stats": Key(.function(2)), "stats.range": Key(.tab), "stats.close": Key(.escape),
        "stats.up": Key(.up), "stats.down": Key(.down),
        "leaderboard.next_tag": Key(.tab), "leaderboard.previous_tag": Key(.backTab), "leaderboard.up": Key(.up),
        "leaderboard.down": Key(.down), "leaderboard.close": Key(.escape), "transcript.thumb_up": .char("+"),
        "transcript.thumb_down": .char("-"), "why.close": Key(.escape), "why.up": Key(.up), "why.down": Key(.down),
        "tools.up": Key(.up), "tools.down": Key(.down), "tools.close": Key(.escape), "transcript.toggle_tool_results": .char("o"),
    ]

    public init(_ commands: [Key: Command], transcript: [Key: Command] = KeyBindings.transcriptKeys,
                picker: [Key: PickerCommand] = KeyBindings.pickerKeys, browser: [Key: BrowserCommand] = KeyBindings.browserKeys,
                themes: [Key: ThemesCommand] = KeyBindings.themesKeys) {
        self.commands = commands
        self.transcript = transcript
        self.picker = picker
        self.browser = browser
        self.themes = themes
    }

    /// The contexts a `[keys]` entry can name before a dot (`picker.mark`), besides the prompt's
    /// plain names. `compare.pick_pane` is the same binding as plain `pick_pane`.
    public static let contexts = ["transcript", "picker", "browser", "themes", "confirm", "editor", "budget", "fallbacks", "compare", "providers", "stats", "leaderboard", "why", "tools"]

    public func command(for key: Key) -> Command? { commands[key] }

    /// The keys bound to a command, for the help overlay.
    public func keys(for command: Command) -> [Key] {
        Self.sortedKeys(commands.filter { $0.value == command }.map(\.key))
    }

    /// The transcript-only keys bound to a command.
    public func transcriptKeys(for command: Command) -> [Key] {
        Self.sortedKeys(transcript.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a picker command.
    public func keys(for command: PickerCommand) -> [Key] {
        Self.sortedKeys(picker.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a session browser command.
    public func keys(for command: BrowserCommand) -> [Key] {
        Self.sortedKeys(browser.filter { $0.value == command }.map(\.key))
    }

    /// The keys bound to a theme switcher command.
    public func keys(for command: ThemesCommand) -> [Key] {
        Self.sortedKeys(themes.filter { $0.value == command }.map(\.key))
    }

    /// How hints and notices name a command's key now: the first key the config listed (or
    /// the usual default), else the shortest bound, or the config name in brackets when
    /// nothing is bound (so a hint never lies).
    public func name(_ command: Command) -> String {
        if let key = named[command.rawValue], commands[key] == command { return key.hintName }
        return Self.shortest(keys(for: command))?.hintName ?? "[\(command.rawValue)]"
    }

    /// How the transcript's hints name a command's key: its shortest transcript-only key,
    /// else the prompt's key (which works in the transcript too).
    public func transcriptName(_ command: Command) -> String {
        if let key = named["transcript." + command.rawValue], transcript[key] == command { return key.hintName }
        return Self.shortest(transcriptKeys(for: command))?.hintName ?? name(command)
    }

    /// The same for a picker command.
    public func name(_ command: PickerCommand) -> String {
        name(command, in: picker, context: "picker")
    }

    /// The same for a session browser command.
    public func name(_ command: BrowserCommand) -> String {
        name(command, in: browser, context: "browser")
    }

    /// The same for an editing key.
    public func name(_ command: EditorCommand) -> String {
        name(command, in: editor, context: "editor")
    }

    /// The same for the answer of a yes/no question.
    public func name(_ command: ConfirmCommand) -> String {
        name(command, in: confirm, context: "confirm")
    }

    /// The same for a theme switcher command.
    public func name(_ command: ThemesCommand) -> String {
        name(command, in: themes, context: "themes")
    }

    /// The keys bound to a budget command.
    public func keys(for command: BudgetCommand) -> [Key] {
        Self.sortedKeys(budget.filter { $0.value == command }.map(\.key))
    }

    /// The same for a budget command.
    public func name(_ command: BudgetCommand) -> String {
        name(command, in: budget, context: "budget")
    }

    /// The keys bound to a fallback chain editor command.
    public func keys(for command: FallbacksCommand) -> [Key] {
        Self.sortedKeys(fallbacks.filter { $0.value == command }.map(\.key))
    }

    /// The same for a fallback chain editor command.
    public func name(_ command: FallbacksCommand) -> String {
        name(command, in: fallbacks, context: "fallbacks")
    }

    /// The keys bound to a provider table command.
    public func keys(for command: ProvidersCommand) -> [Key] {
        Self.sortedKeys(providers.filter { $0.value == command }.map(\.key))
    }

    /// The same for a provider table command.
    public func name(_ command: ProvidersCommand) -> String {
        name(command, in: providers, context: "providers")
    }

    /// The keys bound to an analytics view command.
    public func keys(for command: StatsCommand) -> [Key] {
        Self.sortedKeys(stats.filter { $0.value == command }.map(\.key))
    }

    /// The same for an analytics view command.
    public func name(_ command: StatsCommand) -> String {
        name(command, in: stats, context: "stats")
    }

    /// The keys bound to a leaderboard view command.
    public func keys(for command: LeaderboardCommand) -> [Key] {
        Self.sortedKeys(leaderboard.filter { $0.value == command }.map(\.key))
    }

    /// The same for a leaderboard view command.
    public func name(_ command: LeaderboardCommand) -> String {
        name(command, in: leaderboard, context: "leaderboard")
    }

    /// The same for a route breakdown command.
    public func name(_ command: RouteWhyCommand) -> String {
        name(command, in: why, context: "why")
    }

    /// The keys bound to a tool approval or `/tools` command.
    public func keys(for command: ToolsCommand) -> [Key] {
        Self.sortedKeys(tools.filter { $0.value == command }.map(\.key))
    }

    /// The same for a tool approval or `/tools` command.
    public func name(_ command: ToolsCommand) -> String {
        name(command, in: tools, context: "tools")
    }

    /// How hints name a command of one overlay context: the first key the config listed for
    /// it, else its shortest key, else the config name in brackets (so a hint never lies).
    private func name<C: RawRepresentable & Equatable>(_ command: C, in map: [Key: C], context: String) -> String
        where C.RawValue == String {
        if let key = named[context + "." + command.rawValue], map[key] == command { return key.hintName }
        return Self.shortest(Self.sortedKeys(map.filter { $0.value == command }.map(\.key)))?.hintName
            ?? "[\(context).\(command.rawValue)]"
    }

    /// Alphabetical by config spelling, so the help overlay's order is stable.
    private static func sortedKeys(_ keys: [Key]) -> [Key] {
        keys.sorted { $0.description < $1.description }
    }

    /// The key hints name: the shortest to read, the first alphabetically among equals.
    static func shortest(_ keys: [Key]) -> Key? {
        keys.min { ($0.hintName.count, $0.description) < ($1.hintName.count, $1.description) }
    }

    /// Applies the config file's `[keys]` table: `command = "key"` or `"key1, key2"` for the
    /// prompt, `context.command` (from `[keys.picker]`-style tables, or dotted names) for the
    /// other contexts. A command listed loses its default keys in that context; the first key
    /// listed is the one hints name. Returns one warning per entry it could not use.
    public mutating func apply(_ table: [String: String], parse: (String) -> Key?) -> [String] {
        var warnings: [String] = []
        for (name, spec) in table.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let context = parts.count == 2 ? parts[0] : nil
            let commandName = parts.last ?? name
            var keys: [Key] = []
            for part in spec.split(separator: ",") {
                let text = part.trimmingCharacters(in: .whitespaces)
                if let key = parse(text) { keys.append(key) } else { warnings.append("[keys] \(name): unknown key '\(text)'") }
            }
            func unknown<C: RawRepresentable & CaseIterable>(_ type: C.Type, in context: String) -> String where C.RawValue == String {
                "[keys.\(context)]: unknown command '\(commandName)' (use " + C.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            }
            var known = true
            switch context {
            case nil:
                if let command = Command(rawValue: commandName) { Self.bind(&commands, command, keys) } else {
                    warnings.append("[keys]: unknown command '\(name)'")
                    known = false
                }
            case "compare"?:
                if let command = Command(rawValue: commandName), command.isCompareOnly { Self.bind(&commands, command, keys) } else {
                    warnings.append("[keys.compare]: unknown command '\(commandName)' (use "
                        + Command.allCases.filter(\.isCompareOnly).map(\.rawValue).joined(separator: ", ") + ")")
                    known = false
                }
            case "transcript"?:
                if let command = Command(rawValue: commandName) { Self.bind(&transcript, command, keys) } else {
                    warnings.append("[keys.transcript]: unknown command '\(commandName)'")
                    known = false
                }
            case "picker"?:
                if let command = PickerCommand(rawValue: commandName) { Self.bind(&picker, command, keys) } else {
                    warnings.append(unknown(PickerCommand.self, in: "picker"))
                    known = false
                }
            case "browser"?:
                if let command = BrowserCommand(rawValue: commandName) { Self.bind(&browser, command, keys) } else {
                    warnings.append(unknown(BrowserCommand.self, in: "browser"))
                    known = false
                }
            case "budget"?:
                if let command = BudgetCommand(rawValue: commandName) { Self.bind(&budget, command, keys) } else {
                    warnings.append(unknown(BudgetCommand.self, in: "budget"))
                    known = false
                }
            case "fallbacks"?:
                if let command = FallbacksCommand(rawValue: commandName) { Self.bind(&fallbacks, command, keys) } else {
                    warnings.append(unknown(FallbacksCommand.self, in: "fallbacks"))
                    known = false
                }
            case "themes"?:
                if let command = ThemesCommand(rawValue: commandName) { Self.bind(&themes, command, keys) } else {
                    warnings.append(unknown(ThemesCommand.self, in: "themes"))
                    known = false
                }
            case "editor"?:
                if let command = EditorCommand(rawValue: commandName) { Self.bind(&editor, command, keys) } else {
                    warnings.append(unknown(EditorCommand.self, in: "editor"))
                    known = false
                }
            case "providers"?:
                if let command = ProvidersCommand(rawValue: commandName) { Self.bind(&providers, command, keys) } else {
                    warnings.append(unknown(ProvidersCommand.self, in: "providers"))
                    known = false
                }
            case "stats"?:
                if let command = StatsCommand(rawValue: commandName) { Self.bind(&stats, command, keys) } else {
                    warnings.append(unknown(StatsCommand.self, in: "stats"))
                    known = false
                }
            case "leaderboard"?:
                if let command = LeaderboardCommand(rawValue: commandName) { Self.bind(&leaderboard, command, keys) } else {
                    warnings.append(unknown(LeaderboardCommand.self, in: "leaderboard"))
                    known = false
                }
            case "why"?:
                if let command = RouteWhyCommand(rawValue: commandName) { Self.bind(&why, command, keys) } else {
                    warnings.append(unknown(RouteWhyCommand.self, in: "why"))
                    known = false
                }
            case "tools"?:
                if let command = ToolsCommand(rawValue: commandName) { Self.bind(&tools, command, keys) } else {
                    warnings.append(unknown(ToolsCommand.self, in: "tools"))
                    known = false
                }
            case "confirm"?:
                if let command = ConfirmCommand(rawValue: commandName) { Self.bind(&confirm, command, keys) } else {
                    warnings.append(unknown(ConfirmCommand.self, in: "confirm"))
                    known = false
                }
            case let other?:
                warnings.append("[keys]: unknown context '\(other)' in '\(name)' (use "
                    + Self.contexts.joined(separator: ", ") + ", or a plain command name for the prompt)")
                known = false
            }
            if known, let first = keys.first {
                named[context == "compare" ? commandName : name] = first
            }
        }
        return warnings
    }

    /// Gives `command` exactly `keys` in one context's map (nothing changes when no key parsed).
    private static func bind<C: Equatable>(_ map: inout [Key: C], _ command: C, _ keys: [Key]) {
        guard !keys.isEmpty else { return }
        map = map.filter { $0.value != command }
        for key in keys { map[key] = command }
    }
}

extension Key {
    /// How hints, notices and the help overlay name the key: `Ctrl-P`, `Alt-Enter`, `F1`, `Esc`, `q`.
    public var hintName: String {
        var parts: [String] = []
        if modifiers.contains(.control) { parts.append("Ctrl") }
        if modifiers.contains(.alt) { parts.append("Alt") }
        if modifiers.contains(.shift) { parts.append("Shift") }
        switch code {
        case .character(" "): parts.append("Space")
        case .character(let c) where !modifiers.isEmpty:
            if c.isUppercase { parts.append("Shift") }
            parts.append(c.uppercased())
        case .character(let c): parts.append(String(c))
        case .enter: parts.append("Enter")
        case .tab: parts.append("Tab")
        case .backTab: parts.append("Shift-Tab")
        case .backspace: parts.append("Backspace")
        case .delete: parts.append("Delete")
        case .escape: parts.append("Esc")
        case .insert: parts.append("Insert")
        case .up: parts.append("↑")
        case .down: parts.append("↓")
        case .left: parts.append("←")
        case .right: parts.append("→")
        case .home: parts.append("Home")
        case .end: parts.append("End")
        case .pageUp: parts.append("PgUp")
        case .pageDown: parts.append("PgDn")
        case .function(let n): parts.append("F\(n)")
        }
        return parts.joined(separator: "-")
    }
}
