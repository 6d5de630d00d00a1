import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// `LiveEffects` records outcomes in `prism.db` off the caller's thread and answers with the
/// circuits read after them, so the next Enter sees a circuit the last reply opened.
@Suite("Live effects: route health", .timeLimit(.minutes(1)))
struct LiveEffectsHealthTests {
    final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var snapshots: [HealthSnapshot] = []
        let done = DispatchSemaphore(value: 0)
        func add(_ action: Action) {
            guard case .healthRead(let snapshot) = action else { return }
            lock.withLock { snapshots.append(snapshot) }
            done.signal()
        }
        var last: HealthSnapshot? { lock.withLock { snapshots.last } }
    }

    @Test func recordedFailuresOpenTheCircuitInTheSnapshotPostedBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-health-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = SpendLedger(file: folder.appendingPathComponent("prism.db"))
        let effects = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, ledger: ledger,
            health: RouteHealth(database: ledger.database))
        let posted = Posted()
        let now = Date()
        for seconds in [-30.0, -20, -10] {
            var record = ReplyRecord(at: now.addingTimeInterval(seconds), source: .chat, modelAsked: "a/one")
            record.errorKind = ReplyFailure.Kind.network.rawValue
            effects.handle(.recordReply(record), post: posted.add)
        }
        for _ in 0..<3 { #expect(posted.done.wait(timeout: .now() + 10) == .success) }
        guard case .open(let until)? = posted.last?.models["a/one"]?.state(at: now) else {
            Issue.record("not open: \(String(describing: posted.last))")
            return
        }
        #expect(abs(until.timeIntervalSince(now.addingTimeInterval(290))) < 1)

        // Another window (another handle on the file) reads the same circuit at start.
        let other = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false,
            health: RouteHealth(database: DatabaseHandle(file: folder.appendingPathComponent("prism.db"))))
        let read = Posted()
        other.handle(.readHealth, post: read.add)
        #expect(read.done.wait(timeout: .now() + 10) == .success)
        #expect(read.last?.models["a/one"] == posted.last?.models["a/one"])
    }
}
