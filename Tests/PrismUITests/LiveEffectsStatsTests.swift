import Foundation
import PrismCore
import Testing
@testable import PrismUI

/// `LiveEffects` reads the analytics off the caller's thread through the `StatsSource` it was
/// given, and says so in one line when it has none or the read fails.
@Suite("Live effects: analytics", .timeLimit(.minutes(1)))
struct LiveEffectsStatsTests {
    final class Posted: @unchecked Sendable {
        private let lock = NSLock()
        private var actions: [Action] = []
        let done = DispatchSemaphore(value: 0)
        func add(_ action: Action) {
            lock.withLock { actions.append(action) }
            done.signal()
        }
        var last: Action? { lock.withLock { actions.last } }
    }

    private func effects(_ source: (any StatsSource)?) -> (LiveEffects, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("prism-stats-\(UUID().uuidString)")
        let live = LiveEffects(
            client: OpenRouterClient(configuration: ClientConfiguration(baseURL: URL(string: "http://127.0.0.1:9/api/v1")!)),
            store: FileSessionStore(folder: folder.appendingPathComponent("sessions"), indexFile: nil),
            catalog: CatalogCache(file: folder.appendingPathComponent("models.json")),
            preferences: PreferencesStore(folder: folder), fetchKeyInfo: false, statsSource: source)
        return (live, folder)
    }

    @Test func theSourcesReportForTheRangeIsPostedBack() {
        let (live, folder) = effects(FixtureStatsSource())
        defer { try? FileManager.default.removeItem(at: folder) }
        let posted = Posted()
        live.handle(.loadStats(.month), post: posted.add)
        #expect(posted.done.wait(timeout: .now() + 10) == .success)
        guard case .statsLoaded(let report)? = posted.last else {
            Issue.record("not loaded: \(String(describing: posted.last))")
            return
        }
        #expect(report.range == .month)
        #expect(report.requests == 282)
        #expect(abs(report.generatedAt.timeIntervalSinceNow) < 10, "asked for now")
    }

    @Test func aFailingSourceIsOneLineNamingTheHistory() {
        let (live, folder) = effects(FixtureStatsSource(failure: "database is locked"))
        defer { try? FileManager.default.removeItem(at: folder) }
        let posted = Posted()
        live.handle(.loadStats(.today), post: posted.add)
        #expect(posted.done.wait(timeout: .now() + 10) == .success)
        guard case .statsFailed(let range, let reason)? = posted.last else {
            Issue.record("no failure: \(String(describing: posted.last))")
            return
        }
        #expect(range == .today)
        #expect(reason == "could not read the reply history: database is locked")
    }

    @Test func withoutASourceTheViewIsToldNoHistoryIsKept() {
        let (live, folder) = effects(nil)
        defer { try? FileManager.default.removeItem(at: folder) }
        let posted = Posted()
        live.handle(.loadStats(.week), post: posted.add)
        #expect(posted.done.wait(timeout: .now() + 10) == .success)
        guard case .statsFailed(.week, let reason)? = posted.last else {
            Issue.record("no failure: \(String(describing: posted.last))")
            return
        }
        #expect(reason == "no history kept here")
    }
}
