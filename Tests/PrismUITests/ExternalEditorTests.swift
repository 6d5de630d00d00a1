import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Ctrl-X: the draft in $VISUAL / $EDITOR")
struct ExternalEditorTests {
    static let path = "/usr/bin:/bin"

    @Test func visualWinsOverEditorAndViIsTheDefault() {
        #expect(ExternalEditor.editorSetting(["VISUAL": "nano", "EDITOR": "vim"]) == "nano")
        #expect(ExternalEditor.editorSetting(["VISUAL": "  ", "EDITOR": "vim"]) == "vim")
        #expect(ExternalEditor.editorSetting(["EDITOR": ""]) == "vi")
        #expect(ExternalEditor.editorSetting([:]) == "vi")
    }

    @Test func aPlainSettingIsSplitAtSpacesAndFoundInPath() throws {
        let command = try #require(ExternalEditor.command(for: " sh  -u  -e ", file: "/tmp/d.md", path: Self.path))
        #expect(command.arguments == ["/usr/bin/sh", "-u", "-e", "/tmp/d.md"])
        #expect(command.name == "sh")
        let absolute = try #require(ExternalEditor.command(for: "/bin/sh -x", file: "/tmp/d.md", path: ""))
        #expect(absolute.arguments == ["/bin/sh", "-x", "/tmp/d.md"])
        #expect(ExternalEditor.command(for: "no-such-editor-here --wait", file: "/tmp/d.md", path: Self.path) == nil)
        #expect(ExternalEditor.command(for: "/usr/bin", file: "/tmp/d.md", path: Self.path) == nil, "a directory is no editor")
    }

    @Test func aSettingWithQuotesOrVariablesGoesThroughTheShell() throws {
        let command = try #require(ExternalEditor.command(for: "vim -c 'set tw=72'", file: "/tmp/d.md", path: Self.path))
        #expect(command.arguments == ["/bin/sh", "-c", "vim -c 'set tw=72' \"$1\"", "sh", "/tmp/d.md"])
        #expect(command.name == "vim")
    }

    @Test func theEditorGetsAPrivateFileWithTheDraftThatIsRemovedAfter() throws {
        var seen: (path: String, mode: mode_t, text: String)?
        let result = ExternalEditor.edit("my draft", environment: ["EDITOR": "sh", "PATH": Self.path]) { arguments in
            let file = arguments.last ?? ""
            var info = stat()
            _ = stat(file, &info)
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            seen = (file, info.st_mode & 0o777, text)
            try? "edited draft\n".write(toFile: file, atomically: false, encoding: .utf8)
            return .exited(status: 0)
        }
        #expect(result == .edited("edited draft\n"))
        let file = try #require(seen)
        #expect(file.mode == 0o600)
        #expect(file.text == "my draft")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }

    @Test func aFailingEditorSaysWhyAndLeavesTheDraft() {
        func outcome(_ exit: ProgramExit) -> EditorResult {
            ExternalEditor.edit("draft", environment: ["EDITOR": "/bin/sh -u", "PATH": Self.path]) { _ in exit }
        }
        #expect(outcome(.exited(status: 1)) == .failed("editor sh exited with status 1: draft unchanged"))
        #expect(outcome(.killed(signal: SIGKILL)) == .failed("editor sh was killed by signal 9 (SIGKILL): draft unchanged"))
        #expect(outcome(.notStarted(errno: EACCES)) == .failed("editor sh could not start: Permission denied: draft unchanged"))
        let missing = ExternalEditor.edit("draft", environment: ["VISUAL": "no-such-editor-here -w", "PATH": Self.path]) { _ in
            Issue.record("nothing should run")
            return .exited(status: 0)
        }
        #expect(missing == .failed("editor no-such-editor-here not found: draft unchanged"))
    }

    @Test func aRealScriptEditsTheDraftThroughTheHeadlessTerminal() {
        let backend = HeadlessBackend(size: Size(width: 40, height: 10))
        let plain = ExternalEditor.edit("a draft", environment: ["EDITOR": "sed -i s/draft/poem/", "PATH": Self.path]) {
            backend.runProgram($0)
        }
        #expect(plain == .edited("a poem"))
        let shell = ExternalEditor.edit("a draft", environment: ["EDITOR": "printf 'from the shell' >", "PATH": Self.path]) {
            backend.runProgram($0)
        }
        #expect(shell == .edited("from the shell"))
        let failing = ExternalEditor.edit("a draft", environment: ["EDITOR": "false", "PATH": Self.path]) {
            backend.runProgram($0)
        }
        #expect(failing == .failed("editor false exited with status 1: draft unchanged"))
        let unknown = ExternalEditor.edit("a draft", environment: ["EDITOR": "no-such-editor-here >", "PATH": Self.path]) {
            backend.runProgram($0)
        }
        #expect(unknown == .failed("editor no-such-editor-here exited with status 127 (command not found): draft unchanged"))
        #expect(backend.suspendCount == 4 && backend.resumeCount == 4 && !backend.isSuspended)
    }

    @Test func theReducerTakesTheEditedTextOrShowsTheFailure() {
        var state = UIFixtures.state(Size(width: 80, height: 24))
        let env = ReducerEnvironment(makeID: { "id" }, makeSessionID: { _ in "s" })
        state.prompt.set("first")
        _ = Reducer.reduce(&state, .editorFinished(.edited("second\n")), env)
        #expect(state.prompt.text == "second")
        _ = Reducer.reduce(&state, .editorFinished(.failed("editor vim exited with status 1: draft unchanged")), env)
        #expect(state.prompt.text == "second")
        #expect(state.notice?.text == "editor vim exited with status 1: draft unchanged")
        #expect(state.notice?.kind == .error)
    }
}
