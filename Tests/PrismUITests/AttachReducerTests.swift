import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// `/attach`: the reducer asks, the effect looks at the disk, the answer comes back as an action.
@Suite("Reducer: /attach without I/O")
struct AttachReducerTests {
    let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })

    @Test func slashAttachAsksTheEffectAndTheAnswerAttaches() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        state.session.model = "openai/gpt-5-mini"  // text only in the fixture catalog
        state.prompt.set("/attach ~/diagram.png")
        let effects = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        #expect(effects == [.checkAttachment("~/diagram.png")])
        #expect(state.pendingAttachments.isEmpty && state.prompt.isEmpty)
        let image = Attachment.guess(path: "/home/u/diagram.png")
        _ = Reducer.reduce(&state, .attachmentChecked(image, typed: "~/diagram.png"), env)
        #expect(state.pendingAttachments == [image])
        #expect(state.notice?.text == "attached ~/diagram.png, but openai/gpt-5-mini does not accept images")
        _ = Reducer.reduce(&state, .attachmentRefused(typed: "nope.txt", reason: "no such file"), env)
        #expect(state.notice?.text == "cannot attach nope.txt: no such file" && state.notice?.kind == .error)
        #expect(state.pendingAttachments.count == 1)
    }

    @Test func theEffectTellsFilesFoldersAndURLsApart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-attach-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.md")
        try Data("# notes".utf8).write(to: file)
        func outcome(_ typed: String) -> String {
            switch LiveEffects.attachment(typed) {
            case .attachmentChecked(let attachment, let shown): "attached \(attachment.source) as \(attachment.mimeType) (\(shown))"
            case .attachmentRefused(let shown, let reason): "refused \(shown): \(reason)"
            default: "something else"
            }
        }
        #expect(outcome(file.path) == "attached \(file.path) as text/markdown (\(file.path))")
        #expect(outcome(folder.path) == "refused \(folder.path): it is a folder")
        #expect(outcome(folder.path + "/missing.md") == "refused \(folder.path)/missing.md: no such file")
        #expect(outcome("https://example.com/cat.png") == "attached https://example.com/cat.png as image/png (https://example.com/cat.png)")
    }
}
