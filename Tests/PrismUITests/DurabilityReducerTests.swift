import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// Signals, failing saves, merges and deletions, from the keys and actions that cause them.
@Suite("Reducer: nothing lost")
struct DurabilityReducerTests {
    let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "20261122-000000-abcd" })

    func streaming() -> AppState { UIFixtures.state(Size(width: 100, height: 30), streaming: true) }

    func savedSession(in effects: [Effect]) -> Session? {
        effects.compactMap { if case .saveSession(let s) = $0 { s } else { nil } }.last
    }

    @Test func sigtermStopsTheReplyKeepsItsTextSavesAndQuits() {
        var state = streaming()
        let effects = Reducer.reduce(&state, .input(.terminate(signal: SIGTERM)), env)
        #expect(effects.contains(.cancelStream(requestID: 1)))
        #expect(effects.last == .quit)
        let reply = savedSession(in: effects)?.message("a2")
        #expect(reply?.content == "Tomorrow looks **cooler**, with rain in the 午後")
        #expect(reply?.status == .cancelled)
        #expect(reply?.failure?.message == "interrupted: Prism received SIGTERM")
        #expect(state.lanes[0].stream == nil && state.quitRequested && state.terminationSignal == SIGTERM)
    }

    @Test func sighupInCompareModeStopsEveryPane() {
        var state = UIFixtures.state(Size(width: 120, height: 30))
        state.prompt.set("/compare anthropic/claude-sonnet-4.5 openai/gpt-5-mini")
        _ = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        state.prompt.set("question")
        _ = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        #expect((state.isComparing && state.isStreaming))
        let effects = Reducer.reduce(&state, .input(.terminate(signal: SIGHUP)), env)
        #expect(effects.filter { if case .cancelStream = $0 { true } else { false } }.count == 2)
        let saved = savedSession(in: effects)
        let replies = saved?.messages.filter { $0.failure?.message == "interrupted: Prism received SIGHUP" }
        #expect(replies?.count == 2)
        #expect((state.isComparing && !state.isStreaming) && state.quitRequested)
    }

    @Test func ctrlQWhileSavesFailWarnsFirstThenQuits() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        _ = Reducer.reduce(&state, .sessionNotSaved(id: state.session.id, reason: "could not save: No space left on device"), env)
        var effects = Reducer.reduce(&state, .input(.key(.ctrl("q"))), env)
        #expect(effects.isEmpty && !state.quitRequested)
        #expect(state.notice?.text.contains("No space left on device") == true)
        #expect(state.notice?.text.contains("Ctrl-Q again") == true)
        effects = Reducer.reduce(&state, .input(.key(.ctrl("q"))), env)
        #expect(effects == [.quit] && state.quitRequested)
    }

    @Test func aSaveThatWorksAgainClearsTheWarning() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        _ = Reducer.reduce(&state, .sessionNotSaved(id: state.session.id, reason: "disk full"), env)
        _ = Reducer.reduce(&state, .sessionSaved(id: state.session.id), env)
        #expect(state.saveError == nil)
        #expect(Reducer.reduce(&state, .input(.key(.ctrl("q"))), env) == [.quit])
    }

    @Test func aSessionDeletedElsewhereIsNeitherJournaledNorSavedUntilKept() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        _ = Reducer.reduce(&state, .sessionDeletedElsewhere(id: state.session.id), env)
        #expect(state.deletedElsewhere)
        #expect(state.notice?.text.contains("/keep") == true)
        state.prompt.set("another question")
        let sent = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        let journals = sent.compactMap { if case .startStream(_, _, let journal) = $0 { journal } else { nil } }
        #expect(journals.isEmpty, "a journal would bring the deleted session back")
        state.lanes[0].stream = nil
        state.prompt.set("/keep")
        let kept = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        #expect(kept == [.keepSession(state.session)])
        _ = Reducer.reduce(&state, .sessionSaved(id: state.session.id), env)
        #expect(!state.deletedElsewhere && state.notice?.text.contains("kept") == true)
    }

    @Test func sendingJournalsTheReplyWithItsPromptOnly() throws {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        state.prompt.set("next")
        let effects = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        let target = try #require(effects.compactMap { if case .startStream(_, _, let j) = $0 { j } else { nil } }.first)
        #expect(target.session.id == state.session.id)
        #expect(target.session.messages.map(\.role) == [.user, .assistant])
        #expect(target.session.messages.first?.content == "next")
        #expect(target.replyID == state.lanes[0].stream?.messageID)
    }

    @Test func aMergeBringsInTheOtherWindowButKeepsTheStreamingReply() {
        var state = streaming()
        let saved = state.session
        var theirs = saved
        theirs.title = "Renamed elsewhere"
        theirs.messages[3].content = "stale"  // the other window's older copy of our streaming reply
        theirs.append(Message(id: "x1", parentID: "a1", role: .user, content: "from the other window", createdAt: UIFixtures.epoch))
        state.session.messages[3].content += " and later text"
        _ = Reducer.reduce(&state, .sessionMerged(saved: saved, merged: theirs, summary: {
            var s = MergeSummary(); s.messagesAdded = 1; s.fields = ["title"]; return s
        }()), env)
        #expect(state.session.message("x1")?.content == "from the other window")
        #expect(state.session.title == "Renamed elsewhere")
        #expect(state.session.message("a2")?.content.hasSuffix(" and later text") == true)
        #expect(state.session.currentLeafID == "a2")
        #expect(state.notice?.text == "merged 1 message and the title from another window")
    }
}

@Suite("Reducer: skipped stream events")
struct SkippedEventsReducerTests {
    @Test func aReplyWithSkippedEventsSaysSoWhenItFinishes() {
        var state = UIFixtures.state(Size(width: 100, height: 30), streaming: true)
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        var reply = Reply()
        reply.content = "partial"
        reply.skippedEvents = 3
        _ = Reducer.reduce(&state, .completion(requestID: 1, event: .finished(reply)), env)
        #expect(state.notice?.text == "3 unreadable stream events were skipped; the reply may be missing text")
        #expect(state.session.message("a2")?.skippedEvents == 3)
    }
}

@Suite("Reducer: titles")
struct TitleReducerTests {
    @Test func slashTitleKeepsOneLineOfAtMost200Characters() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        state.prompt.set("/title " + String(repeating: "long ", count: 1000))
        _ = Reducer.reduce(&state, .input(.key(Key(.enter))), env)
        #expect(state.session.title.count <= Session.maxTitleLength)
        #expect(state.notice?.text.contains("cut to 200") == true)
    }
}

@Suite("Reducer: export outcome")
struct ExportOutcomeTests {
    @Test func aSuccessfulExportIsAnInfoNoticeNotAnError() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        _ = Reducer.reduce(&state, .sessionExported(path: "/tmp/prism-x.md"), env)
        #expect(state.notice?.text == "exported to /tmp/prism-x.md")
        #expect(state.notice?.kind == .info)
    }

    @Test func failuresAreTypedAndShownAsErrors() {
        var state = UIFixtures.state(Size(width: 100, height: 30))
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        _ = Reducer.reduce(&state, .failed(.export(id: "x", reason: "Permission denied")), env)
        #expect(state.notice?.text == "export failed: Permission denied" && state.notice?.kind == .error)
        _ = Reducer.reduce(&state, .failed(.modelSets(reason: "No space left on device")), env)
        #expect(state.notice?.text == "could not save the model sets: No space left on device")
    }
}
