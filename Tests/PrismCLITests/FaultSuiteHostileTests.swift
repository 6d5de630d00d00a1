import Foundation
import PrismStub
import Testing

/// The fault suite's hostile server: every misbehaviour the stub knows, plus escapes and
/// bidi controls in every metadata field, through `ask --save` and `prism sessions`.
/// Whatever the server does, Prism ends in bounded time with one clear line, leaks no key,
/// puts no escape or bidi control on stderr or in `sessions` output, and keeps a valid session.
extension ProcessSuites {
    @Suite("Fault suite: hostile server", .serialized)
    struct FaultSuiteHostileTests {
        static let hostileModels = [
            "stub/endless-line", "stub/keepalive-forever", "stub/no-answer", "stub/open-after-usage", "stub/redirect",
            "stub/malformed", "stub/echo-key", "stub/stall", "stub/disconnect", "stub/truncated", "stub/fail-midstream",
            "stub/http-502", "stub/error-200",
        ]

        /// Escape sequences (title, clipboard, clear screen) and bidi overrides in every field a server controls.
        static let poison = "\u{1B}]0;pwned\u{07}\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{1B}[2J\u{202E}\u{2066}"

        @Test func hostileServersAreBounded() throws {
            let tally = FaultTally("hostile server, \(Self.hostileModels.count + 1) behaviours", seed: 0)
            let server = StubServer(requiredKey: FaultSuite.key)
            try server.start()
            defer { server.stop() }
            let rounds = FaultSuite.attempts(ci: 1)
            for _ in 0..<rounds {
                for model in Self.hostileModels + ["poisoned metadata"] {
                    let p = try PrismProcess(key: FaultSuite.key, baseURL: server.baseURL,
                                             config: "first_byte_timeout = 2\nidle_timeout = 2\nmax_retries = 0\n")
                    defer { p.cleanUp() }
                    var args = ["ask", "--save", "-m", model, "hello"]
                    if model == "poisoned metadata" {
                        server.enqueue(.stream(StubReply(content: ["text", Self.poison, " end"], model: "x/evil" + Self.poison,
                                                         provider: "Prov" + Self.poison)))
                        args[3] = "stub/echo"
                    }
                    let started = Date()
                    let result = try p.run(args, timeout: 30)
                    tally.record(try problem(p, result, seconds: Date().timeIntervalSince(started), model: model))
                }
            }
            print(tally.line)
            #expect(tally.lost == 0, "\(tally.line)")
        }

        func problem(_ p: PrismProcess, _ result: PrismProcess.Result, seconds: Double, model: String) throws -> String? {
            if seconds > 20 { return "\(model): took \(Int(seconds)) s" }
            if ![0, 1].contains(result.status) { return "\(model): exit status \(result.status)" }
            let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("prism: error") || $0.hasPrefix("Error") }
            if errorLines.count > 1 { return "\(model): \(errorLines.count) error lines" }
            if Self.hasControls(result.stderr) { return "\(model): escape or bidi control on stderr" }
            if (result.stdout + result.stderr).contains(FaultSuite.key) { return "\(model): the key in the output" }
            if p.writtenFiles().contains(where: { String(decoding: $0.data, as: UTF8.self).contains(FaultSuite.key) }) {
                return "\(model): the key in a file"
            }
            let listing = try p.run(["sessions"])
            guard let id = FaultSuite.sessionIDs(p).first else { return "\(model): no session saved" }
            let shown = try p.run(["sessions", "show", id])
            if Self.hasControls(listing.stdout + listing.stderr) { return "\(model): escape or bidi control in sessions" }
            // To a pipe, `sessions show` keeps a reply's own text as the model sent it, bidi
            // marks included (like `ask`), but never a control character, and its metadata is clean.
            if Self.hasControls(shown.stdout, bidi: false) { return "\(model): a control character in sessions show" }
            if shown.stdout.split(separator: "\n").contains(where: { $0.contains("x/evil") && Self.hasControls(String($0)) }) {
                return "\(model): a bidi control in sessions show's metadata"
            }
            if shown.status != 0 { return "\(model): sessions show failed: \(shown.stderr)" }
            return nil
        }

        /// ESC, other C0/C1 controls but newline and tab, and bidi embeddings, overrides and isolates.
        static func hasControls(_ text: String, bidi: Bool = true) -> Bool {
            text.unicodeScalars.contains { s in
                let v = s.value
                return (v < 0x20 && v != 0x0A && v != 0x09) || (0x7F...0x9F).contains(v)
                    || bidi && ((0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v))
            }
        }
    }
}

extension FaultSuite {
    /// Ids of the saved sessions, newest first.
    static func sessionIDs(_ p: PrismProcess) -> [String] {
        guard let list = try? p.run(["sessions", "list", "--json"]) else { return [] }
        return ((try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? [])
            .compactMap { $0["id"] as? String }
    }
}
