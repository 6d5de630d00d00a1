import ArgumentParser
import Foundation
import PrismCore

/// `prism sessions`: list, show, export, rename and remove saved conversations.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Manage saved sessions (one JSON file each under $XDG_DATA_HOME/prism/sessions).",
        discussion: "IDs may be shortened to any unique prefix; `rm` asks before deleting by a prefix (or takes --yes).",
        subcommands: [List.self, Show.self, Export.self, Rename.self, Remove.self],
        defaultSubcommand: List.self
    )

    /// The live store, from the same paths every command uses.
    static func store() -> FileSessionStore {
        FileSessionStore(paths: PrismPaths(environment: ProcessInfo.processInfo.environment))
    }

    static func load(_ id: String, from store: FileSessionStore) throws -> Session {
        do {
            return try store.load(matching: id)
        } catch {
            throw CLIFailure.usage("\(error)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sessions, newest first.")

        @Flag(help: "Print JSON.")
        var json = false

        func run() throws {
            let listing: SessionListing
            do { listing = try SessionsCommand.store().list() } catch { throw CLIFailure.request("\(error)") }
            for problem in listing.problems { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(problem))") }
            if json {
                let encoder = SessionCodec.encoder(pretty: true)
                StandardIO.out(String(decoding: try encoder.encode(listing.sessions), as: UTF8.self) + "\n")
                return
            }
            guard !listing.sessions.isEmpty else {
                StandardIO.error("prism: no saved sessions yet (prism ask --save \"...\" makes one)")
                return
            }
            StandardIO.out(SessionTable.render(listing.sessions))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print a session's conversation.")

        @Argument(help: "Session id or unique prefix.")
        var id: String

        func run() throws {
            var session = try SessionsCommand.load(id, from: SessionsCommand.store())
            session.title = DisplayText.fit(session.title, width: Rename.maxTitleLength)
            // The Markdown holds no control characters; on a terminal bidi controls go too.
            let text = SessionExporter.markdown(session)
            StandardIO.out(StandardIO.stdoutIsTerminal ? TerminalSanitizer.forTerminal(text) : text)
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a session as Markdown or JSON.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case md, json }

        @Argument(help: "Session id or unique prefix.")
        var id: String

        @Option(help: "md or json.")
        var format: Format = .md

        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
        var output: String?

        @Flag(help: "Markdown: include every branch (regenerated replies), not only the current one.")
        var allBranches = false

        func run() throws {
            let session = try SessionsCommand.load(id, from: SessionsCommand.store())
            let data: Data
            switch format {
            case .md: data = Data(SessionExporter.markdown(session, branchOnly: !allBranches).utf8)
            case .json: data = try SessionExporter.json(session)
            }
            if let output {
                do {
                    try PrivateFile.write(data, to: URL(fileURLWithPath: output))  // atomic, mode 0600
                } catch {
                    throw CLIFailure.request("\(error)")
                }
                StandardIO.error("prism: wrote \(output)")
            } else {
                // Markdown carries no control characters; JSON escapes them. On a terminal, bidi controls go too.
                let text = String(decoding: data, as: UTF8.self)
                StandardIO.out(format == .md && StandardIO.stdoutIsTerminal ? TerminalSanitizer.forTerminal(text) : text)
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give a session a new title.")

        @Argument(help: "Session id or unique prefix.")
        var id: String

        @Argument(help: "The new title.")
        var title: [String]

        /// Longer titles are cut: a title is a line in a list, not a document.
        static let maxTitleLength = Session.maxTitleLength

        func run() throws {
            let store = SessionsCommand.store()
            var text = TerminalSanitizer.metadata(title.joined(separator: " ")).trimmingCharacters(in: .whitespaces)
            let shortened = text.count > Self.maxTitleLength
            if shortened { text = String(text.prefix(Self.maxTitleLength)).trimmingCharacters(in: .whitespaces) }
            do {
                let full = try store.resolve(prefix: id)
                try store.rename(id: full, title: text)
                if shortened { StandardIO.error("prism: the title was cut to its first \(Self.maxTitleLength) characters") }
                StandardIO.error("prism: renamed \(full)")
            } catch {
                throw CLIFailure.usage("\(error)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm", abstract: "Delete a session file.",
            discussion: "With the full id it deletes at once. With a shorter prefix it names the session and asks on a terminal; scripts pass --yes.")

        @Argument(help: "Session id, or a unique prefix (asks first, unless --yes).")
        var id: String

        @Flag(name: .shortAndLong, help: "Delete a session named by a prefix without asking.")
        var yes = false

        func run() throws {
            let store = SessionsCommand.store()
            let full: String
            do { full = try store.resolve(prefix: id) } catch { throw CLIFailure.usage("\(error)") }
            if full != id, !yes {
                let title = (try? store.load(id: full)).map { DisplayText.fit($0.title.isEmpty ? "(untitled)" : $0.title, width: 60) }
                let named = full + (title.map { " \"\($0)\"" } ?? "")
                guard StandardIO.stdinIsTerminal, StandardIO.stderrIsTerminal else {
                    throw CLIFailure.usage("\"\(id)\" is only the start of session \(named); give the full id, or add --yes")
                }
                StandardIO.errorRaw("Delete session \(named)? [y/N] ")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard answer == "y" || answer == "yes" else {
                    StandardIO.error("prism: kept \(full)")
                    return
                }
            }
            do {
                try store.delete(id: full)
                StandardIO.error("prism: removed \(full)")
            } catch {
                throw CLIFailure.usage("\(error)")
            }
        }
    }
}

/// The plain-text session list.
enum SessionTable {
    /// Display cells a title may take in the list; longer ones end in `…` (`show` allows a renamed title's 200).
    static let shownTitleWidth = 60
    /// Display cells a model id may take in the list.
    static let shownModelWidth = 40

    static func render(_ sessions: [SessionSummary]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let header = ["ID", "UPDATED", "MSGS", "COST", "MODEL", "TITLE"]
        let rows = sessions.map { s in
            [
                s.id, formatter.string(from: s.updatedAt), String(s.messageCount),
                s.totalCost.map { (s.costIsEstimate ? "~" : "") + Formatting.usd($0) } ?? "-",
                DisplayText.fit(s.model ?? "-", width: shownModelWidth),
                DisplayText.fit(s.title.isEmpty ? "(untitled)" : s.title, width: shownTitleWidth),
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }
}
