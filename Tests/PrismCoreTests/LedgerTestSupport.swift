import Foundation
@testable import PrismCore

/// A state folder of its own for database and ledger tests, removed afterwards.
struct LedgerSandbox {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("prism-ledger-\(UUID().uuidString)")
    var state: URL { root.appendingPathComponent("state/prism", isDirectory: true) }
    var database: URL { state.appendingPathComponent("prism.db") }
    var legacy: URL { state.appendingPathComponent("spend.json") }
    var corrupt: URL { state.appendingPathComponent("corrupt", isDirectory: true) }

    func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func ledger(owner: ProcessIdentity = .current, alive: @escaping @Sendable (ProcessIdentity) -> Bool = { _ in true })
        -> SpendLedger {
        SpendLedger(file: database, legacyFile: legacy, owner: owner, isAlive: alive)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// A calendar in a fixed zone, so day and month boundaries are where the test says.
    static func calendar(_ zone: String = "Europe/Paris") -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: zone)!
        return c
    }

    static func date(_ text: String, zone: String = "Europe/Paris") -> Date {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: zone)
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.date(from: text)!
    }
}

func usd(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
