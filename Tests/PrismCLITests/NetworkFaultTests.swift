import Foundation
import PrismStub
import Testing

/// `prism ask` and `prism compare` against servers that misbehave on the wire: what the user
/// sees is one clear line, partial text is kept, and nothing grows or waits without limit.
extension ProcessSuites {
    @Suite("prism against hostile and broken servers", .serialized)
    struct NetworkFaultTests {
        static let key = "sk-or-v1-NETFAULTKEY0123456789abcdef"

        /// The case: 4 GB in 20 s. Now the reply stops at the 16 MiB cap, with the text before it.
        @Test func anEndlessLineStopsAtTheCapWithBoundedMemory() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try SampledRun.run(p, ["ask", "-m", "stub/endless-line", "q"], timeout: 60)
            #expect(r.status == 1)
            #expect(r.stdout == StubReply.fillerPieces(count: 3).joined() + "\n")
            #expect(r.stderr == "prism: the server sent a stream line longer than Prism's 16 MiB limit (provider: Stub)\n")
            #expect(r.peakKiB > 0 && r.peakKiB < 300 << 10, "peak resident memory \(r.peakKiB) KiB")
            let written = try #require(server.endlessLineBytes.first)
            #expect(written < 64 << 20, "the server wrote \(written) bytes before prism hung up")
        }

        @Test func keepAlivesForeverEndAtTheIdleTimeoutNamingIt() throws {
            // 2 s against keep-alives 1 s apart: at 1 s the first keep-alive raced the idle watch under load.
            let (server, p) = try Self.setUp(config: "idle_timeout = 2\n")
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/keepalive-forever", "q"], timeout: 20)
            #expect(r.status == 1)
            #expect(r.stdout == StubReply.fillerPieces(count: 1).joined() + "\n")
            #expect(r.stderr == "prism: no reply content for 2 s, only keep-alive comments "
                    + "(set idle_timeout in config.toml to wait longer) (provider: Stub)\n")
        }

        /// Before: 245 s for a default ask (60 s idle, four attempts). Now one attempt, at the first-byte timeout.
        @Test func aServerThatNeverAnswersFailsOnceAtTheFirstByteTimeout() throws {
            let (server, p) = try Self.setUp(config: "first_byte_timeout = 1\n")
            defer { server.stop(); p.cleanUp() }
            let start = Date()
            let r = try p.run(["ask", "--json", "-m", "stub/no-answer", "q"], timeout: 20)
            #expect(r.status == 1)
            #expect(Date().timeIntervalSince(start) < 15, "the default idle timeout is 300 s")
            let error = try #require(r.stdout.jsonObject?["error"] as? [String: Any])
            #expect(error["kind"] as? String == "timeout" && error["code"] as? String == "first_byte_timeout")
            #expect(server.chatRequests.count == 1)
        }

        @Test func aReplyLeftOpenAfterItsUsageEndsAtOnce() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let start = Date()
            let r = try p.run(["ask", "-m", "stub/open-after-usage", "q"], timeout: 30)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout == "Done, but the connection stays open.\n")
            #expect(Date().timeIntervalSince(start) < 15, "the default idle timeout is 300 s")
        }

        @Test("a redirect is refused in one line, without the credentials in its location",
              arguments: [nil, "urlsession"])
        func redirectsAreRefused(stack: String?) throws {
            let (server, process) = try Self.setUp()
            var p = process
            defer { server.stop(); p.cleanUp() }
            p.environment["PRISM_HTTP"] = stack
            let r = try p.run(["ask", "-m", "stub/redirect", "q"])
            #expect(r.status == 1)
            #expect(r.stderr == "prism: HTTP 307 redirect to https://elsewhere.invalid/api/v1/chat/completions refused "
                    + "(Prism does not follow redirects: check the base URL)\n")
        }

        @Test func skippedEventsAreAWarningAndInTheJSON() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["ask", "-m", "stub/malformed", "q"])
            #expect(r.status == 0)
            #expect(r.stdout == "Hello world\n")
            #expect(r.stderr == "prism: warning: 2 unreadable stream events were skipped; the reply may be missing text\n")

            let json = try p.run(["ask", "--json", "-m", "stub/malformed", "q"])
            #expect(json.status == 0)
            #expect(json.stdout.jsonObject?["skipped_events"] as? Int == 2)
            #expect(json.stderr.contains("2 unreadable stream events were skipped"))
            let clean = try p.run(["ask", "--json", "-m", "stub/fast", "q"])
            #expect(clean.stdout.jsonObject?["skipped_events"] as? Int == 0, "the key is always present")
        }

        @Test func compareWarnsPerModelAndCountsInTheJSON() throws {
            let (server, p) = try Self.setUp()
            defer { server.stop(); p.cleanUp() }
            let r = try p.run(["compare", "--json", "-m", "stub/malformed", "-m", "stub/fast", "q"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr == "prism: warning: stub/malformed: 2 unreadable stream events were skipped; the reply may be missing text\n")
            let models = try #require(r.stdout.jsonObject?["models"] as? [[String: Any]])
            #expect(models.map { $0["skipped_events"] as? Int } == [2, 0])
        }

        private static func setUp(config: String? = nil) throws -> (StubServer, PrismProcess) {
            let server = StubServer(requiredKey: key)
            try server.start()
            return (server, try PrismProcess(key: key, baseURL: server.baseURL, config: config))
        }
    }
}

/// Runs `prism` like `PrismProcess.run`, sampling its peak resident memory (VmHWM) meanwhile.
enum SampledRun {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var peakKiB: Int
    }

    static func run(_ p: PrismProcess, _ args: [String], timeout: TimeInterval) throws -> Result {
        let process = Process()
        process.executableURL = PrismProcess.binary
        process.arguments = args
        process.environment = p.environment
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let pid = process.processIdentifier
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let readers = [Thread { outData = output.fileHandleForReading.readDataToEndOfFile() },
                       Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }]
        readers.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(timeout)
        var peak = 0
        while process.isRunning {
            if let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
               let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
               let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
                peak = max(peak, kib)
            }
            if Date() > deadline { process.terminate() }
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        while readers.contains(where: { !$0.isFinished }) { Thread.sleep(forTimeInterval: 0.01) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), peakKiB: peak)
    }
}
