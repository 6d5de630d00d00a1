import Foundation
import PrismTerminal
#if canImport(Glibc)
import Glibc
#endif

/// What came back from the editor: the new draft, or why the draft stays as it was.
public enum EditorResult: Sendable, Equatable {
    case edited(String)
    /// One line for the status bar, ending in "draft unchanged".
    case failed(String)
}

/// Opens the draft in `$VISUAL`, else `$EDITOR`, else `vi`, on a private temporary file.
enum ExternalEditor {
    /// How the editor is started: the command line, and the name it is called by in messages.
    struct Command: Equatable {
        var arguments: [String]
        var name: String
    }

    /// The editor the environment names (an empty variable counts as unset).
    static func editorSetting(_ environment: [String: String]) -> String {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.allSatisfy(\.isWhitespace) { return value }
        }
        return "vi"
    }

    /// Characters that need a shell to mean what the user meant (quotes, variables, globs,
    /// redirections, `~`, assignments): the same set git uses to decide.
    static let shellCharacters = Set("|&;<>()$`\\\"'*?[#~=%\n\t")

    /// The command that edits `file`.
    ///
    /// A plain setting (`vim`, `vim -u NONE`, `code --wait`) is split at spaces and its
    /// program looked up in `PATH`, so the program runs directly and "not found" can be said
    /// before anything starts; nil when it is not there. Anything else is run as a shell
    /// would: `/bin/sh -c '<setting> "$1"' sh <file>`.
    static func command(for setting: String, file: String, path: String?) -> Command? {
        let trimmed = setting.trimmingCharacters(in: .whitespaces)
        let words = trimmed.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let name = words.first.map { ($0 as NSString).lastPathComponent } ?? trimmed
        if trimmed.contains(where: { shellCharacters.contains($0) }) {
            return Command(arguments: ["/bin/sh", "-c", "\(trimmed) \"$1\"", "sh", file], name: name)
        }
        guard let program = words.first, let found = executable(program, path: path) else { return nil }
        return Command(arguments: [found] + words.dropFirst() + [file], name: name)
    }

    /// Where `program` runs from: itself when it names a path, else the first executable in `PATH`.
    static func executable(_ program: String, path: String?) -> String? {
        if program.contains("/") { return isExecutableFile(program) ? program : nil }
        let dirs = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
        return dirs.map { ($0.isEmpty ? "." : String($0)) + "/" + program }.first(where: isExecutableFile)
    }

    /// A regular file we may execute (a directory has the x bit too).
    static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }

    /// Edits `text` in the user's editor; `run` hands the terminal to the editor and says how it ended.
    static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                     run: ([String]) -> ProgramExit) -> EditorResult {
        let setting = editorSetting(environment)
        // A new file only this user can read, under a name nobody can plant a link at first.
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prism-prompt-\(getpid())-\(unique).md")
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            return .failed("could not write the draft for the editor: \(String(cString: strerror(errno))): draft unchanged")
        }
        defer { unlink(file.path) }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        } catch {
            return .failed("could not write the draft for the editor: \(error.localizedDescription): draft unchanged")
        }
        guard let command = command(for: setting, file: file.path, path: environment["PATH"]) else {
            let program = setting.split(separator: " ").first.map(String.init) ?? setting
            return .failed("editor \(program) not found: draft unchanged")
        }
        switch run(command.arguments) {
        case .exited(status: 0):
            break
        case .exited(status: 127) where command.arguments.first == "/bin/sh":
            return .failed("editor \(command.name) exited with status 127 (command not found): draft unchanged")
        case .exited(let status):
            return .failed("editor \(command.name) exited with status \(status): draft unchanged")
        case .killed(let signal):
            return .failed("editor \(command.name) was killed by signal \(signal) (\(signalName(signal))): draft unchanged")
        case .notStarted(let error):
            return .failed("editor \(command.name) could not start: \(String(cString: strerror(error))): draft unchanged")
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return .failed("editor \(command.name) left no file to read back: draft unchanged")
        }
        return .edited(String(decoding: data, as: UTF8.self))
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGHUP: "SIGHUP"
        case SIGINT: "SIGINT"
        case SIGQUIT: "SIGQUIT"
        case SIGABRT: "SIGABRT"
        case SIGKILL: "SIGKILL"
        case SIGSEGV: "SIGSEGV"
        case SIGTERM: "SIGTERM"
        default: String(cString: strsignal(signal))
        }
    }
}
