import Foundation
import Testing
@testable import PrismCore

/// Many writers at once, and sessions far larger than usual.
struct SessionStoreStressTests {
    @Test func concurrentSavesNeverLeaveAPartialFile() async throws {
        let sandbox = SessionStoreSandbox()
        defer { try? FileManager.default.removeItem(at: sandbox.root) }
        let store = sandbox.store()
        let ids = ["20261122-000000-0000", "20261122-000000-0001", "20261122-000000-0002"]
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<8 {
                group.addTask {
                    // Two other stores share the folder, like a second Prism process would.
                    let writer = task % 3 == 0 ? sandbox.store() : store
                    for round in 0..<20 {
                        var session = sampleSession(id: ids[(task + round) % ids.count], title: "task \(task) round \(round)")
                        let padding = String(repeating: "x", count: (task * 20 + round) * 97)
                        session.append(Message(id: "pad", parentID: "m4", role: .assistant, content: padding,
                                               createdAt: sessionTestDate(10)))
                        _ = try? writer.save(session)
                    }
                }
            }
        }
        let listing = try store.list()
        #expect(listing.problems.isEmpty)
        #expect(Set(listing.sessions.map(\.id)) == Set(ids))
        for id in ids {
            let data = try Data(contentsOf: sandbox.file(id))
            let session = try SessionCodec.decode(data)
            #expect(session.messages.count == 5)
            #expect(session.title.hasPrefix("task "))
        }
        #expect(sandbox.names(in: sandbox.sessions).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func largeSessionRoundTrips() throws {
        try withSessionSandbox { sandbox in
            let session = Self.largeSession(messages: 2000)
            let store = sandbox.store()
            let clock = ContinuousClock()
            let saving = try clock.measure { try store.save(session) }
            var loaded: Session?
            let loading = try clock.measure { loaded = try store.load(id: session.id) }
            #expect(loaded == session)
            let size = try FileManager.default.attributesOfItem(atPath: sandbox.file(session.id).path)[.size] as? Int ?? 0
            #expect(size > 4_000_000)
            // Generous: debug builds are several times slower than release, where this is well under 50 ms.
            #expect(saving < .seconds(5))
            #expect(loading < .seconds(5))
            print("2,000-message session (\(size / 1024) KB): save \(saving), load \(loading)")
        }
    }

    /// A linear conversation of `messages` messages of about 2 KB each, with costs and timings on replies.
    static func largeSession(messages count: Int) -> Session {
        var session = Session(id: "20261122-025100-b16b", createdAt: sessionTestDate(), model: "openai/gpt-4o")
        let paragraph = String(repeating: "Lorem ipsum dolor sit amet, \"quoted\" and\ttabbed — ünïcödé ✓. ", count: 32)
        for i in 0..<count {
            var message = Message(id: "m\(i)", parentID: i == 0 ? nil : "m\(i - 1)", role: i % 2 == 0 ? .user : .assistant,
                                  content: "\(i): " + paragraph, createdAt: sessionTestDate(Double(i)))
            if message.role == .assistant {
                message.status = .complete
                message.modelServed = "openai/gpt-4o-2024-08-06"
                message.usage = TokenUsage(promptTokens: i * 10, completionTokens: 500, cost: Decimal(i) * Decimal(string: "0.000093")!)
                message.timings = ReplyTimings(startedAt: sessionTestDate(Double(i)), ttftMs: 300.25, totalMs: 2500, tokensPerSecond: 200)
            }
            session.append(message)
        }
        return session
    }
}
