#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PrismCore
import PrismStub

/// Helper modes for `scripts/tui-bench.py`, which drives the real `prism` in a pty.
///
/// - `serve-stub [--tokens N] [--interval S] [--replies K] [--steady 0|1] [--model ID|request]`:
///   a `StubServer` whose next K chat requests each stream an N-token markdown reply, one
///   token every S seconds (default 2,000 tokens, 0.005 s: ~190 tokens/s for ~10 s, each
///   pause rounding up to whole milliseconds). `--steady 1` sends token n at n × S after
///   the first, so the rate is 1/S exactly on average (the compare benchmark's 300 tokens/s
///   per pane). `--model` is the served `model` of every chunk (default `stub/bench`;
///   `request` echoes each request's model, as the four panes of compare mode ask for four).
///   The queued replies serve requests in arrival order whatever their model, each on its own
///   connection thread, so concurrent streams run side by side. Prints the base URL on one
///   line, then runs until SIGTERM or SIGINT. Other requests (models, key, further chats)
///   get the stub's usual answers.
/// - `write-session [--messages N]`: saves the benchmark chat (`ChatFixture`) through
///   `FileSessionStore` into the folders `XDG_DATA_HOME` / `XDG_CACHE_HOME` name, and
///   prints its id.
enum Helpers {
    static let modes = ["serve-stub", "write-session", "write-catalog", "write-big-session"]

    static func run(_ mode: String, _ arguments: [String]) -> Never {
        var options: [String: String] = [:]
        var rest = arguments[...]
        while let name = rest.popFirst() {
            guard name.hasPrefix("--"), let value = rest.popFirst() else { fail("bad arguments: \(arguments)") }
            options[String(name.dropFirst(2))] = value
        }
        switch mode {
        case "serve-stub":
            let model = options["model"] ?? "stub/bench"
            serveStub(tokens: int(options["tokens"], 2_000), interval: Double(options["interval"] ?? "") ?? 0.005,
                      replies: int(options["replies"], 4), steady: int(options["steady"], 0) != 0,
                      model: model == "request" ? nil : model)
        case "write-catalog":
            writeCatalog(models: int(options["models"], 200_000))
        case "write-big-session":
            writeBigSession(bytes: int(options["bytes"], BoundsFixture.replyBytes))
        default:
            writeSession(messages: int(options["messages"], 10_000))
        }
    }

    private static func int(_ text: String?, _ fallback: Int) -> Int { text.flatMap { Int($0) } ?? fallback }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("PrismBench: \(message)\n".utf8))
        exit(2)
    }

    private static func serveStub(tokens: Int, interval: Double, replies: Int, steady: Bool, model: String?) -> Never {
        signal(SIGPIPE, SIG_IGN)
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

        let server = StubServer()
        var reply = StubReply(content: ChatFixture.streamTokens(count: tokens), model: model, provider: "Stub",
                              interChunkDelay: interval)
        reply.steadyRate = steady
        server.enqueue(contentsOf: Array(repeating: .stream(reply), count: replies))
        do {
            let port = try server.start()
            FileHandle.standardOutput.write(Data("http://127.0.0.1:\(port)/api/v1\n".utf8))
        } catch {
            fail("cannot start the stub: \(error)")
        }
        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        server.stop()
        exit(0)
    }

    /// `write-catalog [--models N]`: the bounds benchmark's catalog as the `--demo` catalog cache
    /// under `XDG_CACHE_HOME`, fetched now, so `prism --demo` opens its picker on N models.
    private static func writeCatalog(models: Int) -> Never {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let cache = CatalogCache(file: paths.cache.appendingPathComponent("models-demo.json"))
        do {
            try FileManager.default.createDirectory(at: paths.cache, withIntermediateDirectories: true)
            try cache.save(CatalogSnapshot(fetchedAt: Date(), baseURL: ResolvedConfig.defaultBaseURL.absoluteString,
                                           models: BoundsFixture.catalog(count: models)))
        } catch {
            fail("cannot write the catalog: \(error)")
        }
        print(cache.file.path)
        exit(0)
    }

    /// `write-big-session [--bytes N]`: a session whose last reply is N bytes of markdown
    /// (the bounds benchmark's), saved under `XDG_DATA_HOME`; prints its id.
    private static func writeBigSession(bytes: Int) -> Never {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let session = BoundsFixture.session(reply: BoundsFixture.reply(bytes: bytes), streaming: false)
        do {
            try FileSessionStore(paths: paths).save(session)
        } catch {
            fail("cannot save the session: \(error)")
        }
        print(session.id)
        exit(0)
    }

    private static func writeSession(messages: Int) -> Never {
        let paths = PrismPaths(environment: ProcessInfo.processInfo.environment)
        let session = ChatFixture.session(messages: messages)
        do {
            try FileSessionStore(paths: paths).save(session)
        } catch {
            fail("cannot save the session: \(error)")
        }
        print(session.id)
        exit(0)
    }
}
