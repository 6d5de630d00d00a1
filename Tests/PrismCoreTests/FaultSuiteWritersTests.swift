import Foundation
import Testing
@testable import PrismCore

/// The fault suite's "two writers": several stores (as several Prism processes have: the
/// folder lock is a `flock` per open file, so threads with their own store contend as
/// processes do) appending to one session at once, renaming it meanwhile.
@Suite("Fault suite: writers at once")
struct FaultSuiteWritersTests {
    @Test func concurrentWritersLoseNoMessage() throws {
        let rounds = ProcessInfo.processInfo.environment["PRISM_FAULT_ATTEMPTS"].flatMap(Int.init) ?? 3
        var lost = 0
        for round in 0..<rounds {
            try withSessionSandbox { sandbox in
                let base = Session(id: "20261122-025100-7f3a", createdAt: sessionTestDate(), model: "m")
                try sandbox.store().save(base)
                let writers = 3, exchanges = 15
                DispatchQueue.concurrentPerform(iterations: writers + 1) { w in
                    let store = sandbox.store()
                    if w == writers {
                        for i in 0..<exchanges { try? store.rename(id: base.id, title: "title \(i)") }
                        return
                    }
                    guard var session = try? store.load(id: base.id) else { return }
                    for i in 0..<exchanges {
                        let id = "w\(w)-\(i)"
                        session.append(Message(id: "u-" + id, parentID: session.currentLeafID, role: .user, content: id,
                                               createdAt: sessionTestDate(Double(i))))
                        if let report = try? store.save(session), let merged = report.merged { session = merged }
                    }
                }
                let final = try sandbox.store().load(id: base.id)
                let ids = Set(final.messages.map(\.id))
                let expected = (0..<writers).flatMap { w in (0..<exchanges).map { "u-w\(w)-\($0)" } }
                let missing = expected.filter { !ids.contains($0) }
                if !missing.isEmpty {
                    lost += 1
                    Issue.record("round \(round): \(missing.count) messages lost, e.g. \(missing.prefix(3))")
                }
                if !final.title.hasPrefix("title ") { Issue.record("round \(round): the rename was lost") }
            }
        }
        print("fault suite: \(3) writers and a renamer on one session: \(rounds) attempts, \(rounds - lost) survived, \(lost) lost")
        #expect(lost == 0)
    }
}
