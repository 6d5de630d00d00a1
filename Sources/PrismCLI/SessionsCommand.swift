import ArgumentParser
import Foundation
import PrismCore

/// `prism sessions`: list, show, export, rename and remove saved conversations.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Manage saved sessions (one JSON file each under $XDG_DATA_HOME/prism/sessions).",
        discussion: "IDs may be shortened to any unique prefix.",
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
            for problem in listing.problems { StandardIO.error("prism: warning: \(problem)") }
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
            let session = try SessionsCommand.load(id, from: SessionsCommand.store())
            StandardIO.out(TerminalSanitizer.sanitize(SessionExporter.markdown(session)))
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
                    try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } catch {
                    throw CLIFailure.request("could not write \(output): \(error.localizedDescription)")
                }
                StandardIO.error("prism: wrote \(output)")
            } else {
                let text = String(decoding: data, as: UTF8.self)
                StandardIO.out(format == .md && StandardIO.stdoutIsTerminal ? TerminalSanitizer.sanitize(text) : text)
            }
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Give a session a new title.")

        @Argument(help: "Session id or unique prefix.")
        var id: String

        @Argument(help: "The new title.")
        var title: [String]

        func run() throws {
            let store = SessionsCommand.store()
            do {
                let full = try store.resolve(prefix: id)
                try store.rename(id: full, title: title.joined(separator: " "))
                StandardIO.error("prism: renamed \(full)")
            } catch {
                throw CLIFailure.usage("\(error)")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rm", abstract: "Delete a session file.")

        @Argument(help: "Session id or unique prefix.")
        var id: String

        func run() throws {
            let store = SessionsCommand.store()
            do {
                let full = try store.resolve(prefix: id)
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
    static func render(_ sessions: [SessionSummary]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        let header = ["ID", "UPDATED", "MSGS", "COST", "MODEL", "TITLE"]
        let rows = sessions.map { s in
            [
                s.id, formatter.string(from: s.updatedAt), String(s.messageCount),
                s.totalCost.map { (s.costIsEstimate ? "~" : "") + Formatting.usd($0) } ?? "-",
                TerminalSanitizer.sanitize(s.model ?? "-"),
                TerminalSanitizer.sanitize(s.title.isEmpty ? "(untitled)" : s.title),
            ]
        }
        return TextTable.render(header: header, rows: rows)
    }
}
