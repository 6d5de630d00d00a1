import Foundation
import PrismCore
import PrismTerminal
import PrismUI

/// Benchmark 9: keys and memory with oversized inputs — a 50 MB reply (streaming and
/// resumed), a 200,000-model catalog in the picker, a 1 MB paste in the prompt.
///
/// Each case runs in a child process of its own (`PrismBench bounds-case NAME`), so the
/// resident memory it reports (`VmRSS` after the case, `VmHWM` the peak) is that case's
/// alone. A key is timed as the app answers it: `Reducer.reduce` of the key, then
/// `AppRenderer.render` of the whole 200×60 screen and `FrameDiff` against the previous
/// frame. Slow operations stop sampling after a time budget, so the figures from before
/// the work on bounds finish too.
enum BoundsBench {
    static let cases = ["reply", "resume", "resume-line", "resume-code", "picker", "prompt"]
    static let target = 0.016

    /// Runs the named cases (all when empty), each in a child process.
    static func run(_ names: [String]) {
        let chosen = names.isEmpty ? cases : names
        if let unknown = chosen.first(where: { !cases.contains($0) }) {
            FileHandle.standardError.write(Data("PrismBench: unknown bounds case '\(unknown)'; choose from \(cases.joined(separator: ", "))\n".utf8))
            exit(2)
        }
        for name in chosen {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            if !FileManager.default.isExecutableFile(atPath: child.executableURL!.path) {
                child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            }
            child.arguments = ["bounds-case", name]
            do {
                try child.run()
                child.waitUntilExit()
            } catch {
                FileHandle.standardError.write(Data("PrismBench: cannot run the case \(name): \(error)\n".utf8))
            }
        }
    }

    /// One case, in this process.
    static func runCase(_ name: String) -> Never {
        switch name {
        case "reply": streamingReply()
        case "resume": resume(.markdown)
        case "resume-line": resume(.line)
        case "resume-code": resume(.code)
        case "picker": picker()
        case "prompt": prompt()
        default: break
        }
        exit(0)
    }

    // MARK: - Cases

    static func streamingReply() {
        var table = BoundsTable("9a. A 50 MB reply while it streams (200×60)")
        let built = Measure.clock.now
        let text = BoundsFixture.reply()
        table.note("Reply: \(Format.bytes(text.utf8.count)) of markdown (headings, prose, lists, code, tables, quotes), built in \(Format.ms((Measure.clock.now - built).seconds)).")
        var driver = KeyDriver(session: BoundsFixture.session(reply: "", streaming: true))
        driver.startStream(messageID: "big-a")

        // Grow the reply to 50 MB in 256 kB deltas, a frame after each, as a very fast server would.
        let growth = Samples.collect(runs: text.utf8.count / 262_144 + 1, budget: 120) { i in
            let utf8 = text.utf8
            let from = min(utf8.count, i * 262_144), to = min(utf8.count, from + 262_144)
            let delta = String(decoding: Array(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)]), as: UTF8.self)
            return driver.time(.completion(requestID: driver.requestID, event: .contentDelta(delta)))
        }
        let reached = driver.replyBytes
        table.add("grow 0 → 50 MB in 256 kB deltas: one frame each", growth,
                  note: reached < text.utf8.count - 262_144 ? "stopped at \(Format.bytes(reached)) (budget)" : "")
        if reached < text.utf8.count {
            driver.setReply(text)  // the rest at once, untimed, so the next rows start at 50 MB
            _ = driver.time(.tick(driver.state.now))
        }
        let token = Samples.collect(runs: 100, budget: 30) { _ in
            driver.time(.completion(requestID: driver.requestID, event: .contentDelta(" token")))
        }
        table.add("one token arrives (6 B): reducer + frame", token)
        let typing = Samples.collect(runs: 50, budget: 30) { _ in driver.time(.input(.key(.char("x")))) }
        table.add("a key while it streams: type into the prompt", typing)
        let pageUp = Samples.collect(runs: 20, budget: 60) { _ in driver.time(key(.pageUp)) }
        table.add("PgUp while it streams", pageUp)
        let pageDown = Samples.collect(runs: 10, budget: 30) { _ in driver.time(key(.pageDown)) }
        table.add("PgDn while it streams", pageDown)
        let end = Samples.collect(runs: 5, budget: 30) { i in
            if i > 0 { _ = driver.time(key(.pageUp)) }
            return driver.time(key(.end, .control))
        }
        table.add("Ctrl-End back to the newest text", end)
        table.memory()
        table.print()
    }

    static func resume(_ shape: BoundsFixture.ReplyShape) {
        let label = ["markdown": "markdown", "line": "one 50 MB line (no newline)", "code": "one 50 MB code block"][shape.rawValue]!
        var table = BoundsTable("9b. Resuming a session whose last reply is 50 MB: \(label) (200×60)")
        let text = BoundsFixture.reply(shape: shape)
        let session = BoundsFixture.session(reply: text, streaming: false)
        var data: Data?
        let encode = Samples.collect(runs: 1, budget: 60) { _ in
            Measure.time { data = try? SessionCodec.encoder(pretty: false).encode(session) }
        }
        let decode = Samples.collect(runs: 1, budget: 60) { _ in
            Measure.time { blackHole(try? SessionCodec.decoder().decode(Session.self, from: data ?? Data())) }
        }
        table.add("for scale: decode the \(Format.bytes(data?.count ?? 0)) session file (PrismCore, not a frame)", decode, target: false)
        table.add("for scale: encode it (PrismCore)", encode, target: false)
        data = nil

        var driver: KeyDriver!
        let first = Samples.collect(runs: 1, budget: 600) { _ in
            Measure.time { driver = KeyDriver(session: session) }
        }
        table.add("first frame (new renderer, follows the bottom; target < 1 s)", first, limit: 1.0)
        table.add("PgUp ×20 (each laid out for the first time)", Samples.collect(runs: 20, budget: 120) { _ in driver.time(key(.pageUp)) })
        table.add("PgDn ×10", Samples.collect(runs: 10, budget: 60) { _ in driver.time(key(.pageDown)) })
        table.add("Ctrl-Home: top of the conversation", Samples.collect(runs: 1, budget: 120) { _ in driver.time(key(.home, .control)) })
        table.add("PgDn ×20 from the top (into the reply's start)", Samples.collect(runs: 20, budget: 120) { _ in driver.time(key(.pageDown)) })
        table.add("Ctrl-End: back to the bottom", Samples.collect(runs: 1, budget: 120) { _ in driver.time(key(.end, .control)) })
        table.add("Ctrl-Home / Ctrl-End again", Samples.collect(runs: 10, budget: 120) { i in
            driver.time(i % 2 == 0 ? key(.home, .control) : key(.end, .control))
        })
        // The middle: the reply is laid out lazily, so a key held down walks into text never laid out.
        driver.followBottom()
        table.add("PgUp ×200 from the bottom (deep into the reply)", Samples.collect(runs: 200, budget: 120) { _ in driver.time(key(.pageUp)) })
        table.add("a key typed in the prompt meanwhile", Samples.collect(runs: 20, budget: 60) { _ in
            driver.time(.input(.key(.char("y"))))
        })
        table.add("resize to 120×40 (the visible part laid out at the new width)", Samples.collect(runs: 2, budget: 120) { i in
            driver.time(.input(.resize(i % 2 == 0 ? Size(width: 120, height: 40) : KeyDriver.size)))
        })
        table.memory()
        table.note("Text: \(Format.bytes(text.utf8.count)); the session holds 20 ordinary messages before the prompt and the reply.")
        table.print()
    }

    static func picker() {
        var table = BoundsTable("9c. The model picker with a 200,000-model catalog (200×60)")
        let built = Measure.clock.now
        let catalog = BoundsFixture.catalog()
        table.note("Catalog: \(Format.grouped(catalog.count)) models, built in \(Format.ms((Measure.clock.now - built).seconds)).")
        var driver = KeyDriver(session: ChatFixture.session(messages: 20))
        // Rows in the order they were first seen, samples from every round.
        var labels: [String] = [], samples: [String: [Double]] = [:], typed: [Double] = []
        func record(_ label: String, _ seconds: Double, typing: Bool = false) {
            if samples[label] == nil { labels.append(label) }
            samples[label, default: []].append(seconds)
            if typing { typed.append(seconds) }
        }
        func type(_ text: String) {
            for c in text {
                let s = driver.time(.input(.key(.char(c))))
                record("type '\(c)' → '\(driver.state.picker.query)' (\(Format.grouped(driver.rowCount)) rows)", s, typing: true)
            }
        }
        let rounds = 5
        for round in 0..<rounds {
            // A catalog array of its own each round: a new index, nothing cached from the round before.
            let fresh = catalog.map { $0 }
            let at = driver.state.now.addingTimeInterval(Double(round))
            record("the catalog arrives (the index is built off the UI thread)",
                   driver.time(.catalogLoaded(CatalogSnapshot(fetchedAt: at, baseURL: "https://openrouter.ai/api/v1", models: fresh))))
            record("Ctrl-P at once (waits for that index)", driver.time(.input(.key(Key(.character("p"), .control)))))
            type("claude")
            for _ in 0..<5 { record("Down", driver.time(key(.down))) }
            for _ in 0..<3 { record("PgDn", driver.time(key(.pageDown))) }
            for _ in 0..<3 { record("Up", driver.time(key(.up))) }
            for _ in 0..<2 { record("Backspace (an earlier query's list, cached)", driver.time(key(.backspace))) }
            for _ in ModelPickerState.Sort.allCases {
                let s = driver.time(key(.tab))
                record("Tab: sort by \(driver.state.picker.sort.rawValue), query '\(driver.state.picker.query)'", s)
            }
            record("Ctrl-U: clear the query", driver.time(.input(.key(Key(.character("u"), .control)))))
            for _ in ModelPickerState.Sort.allCases {
                let s = driver.time(key(.tab))
                record("Tab: sort by \(driver.state.picker.sort.rawValue), no query (\(Format.grouped(driver.rowCount)) rows)", s)
                if driver.state.picker.sort == .context {
                    for _ in 0..<3 { record("  PgDn in that order", driver.time(key(.pageDown))) }
                }
            }
            type("gpt 4 mini")
            for _ in 0..<3 { record("a frame with nothing changed (picker open)", driver.time(.tick(driver.state.now))) }
            driver.state.picker.query = ""
            _ = driver.time(key(.escape))
            if round == 0 { table.memory(when: "after the first round (one catalog and its index)") }
        }
        for label in labels { table.add(label, Samples(seconds: samples[label] ?? [])) }
        table.add("every character typed above", Samples(seconds: typed))
        table.note("\(rounds) rounds, each with a fresh copy of the catalog (so a fresh index and no cached query); a row's samples come from every round.")
        table.print()
    }

    static func prompt() {
        var table = BoundsTable("9d. The prompt with a 1 MB paste (200×60)")
        let text = BoundsFixture.paste()
        var driver = KeyDriver(session: ChatFixture.session(messages: 20))
        table.note("Paste: \(Format.bytes(text.utf8.count)), \(Format.grouped(text.split(separator: "\n", omittingEmptySubsequences: false).count)) lines.")
        table.add("the paste itself", Samples.collect(runs: 1, budget: 120) { _ in driver.time(.input(.paste(text))) })
        var all: [Double] = []
        func row(_ label: String, _ runs: Int, _ action: Action) {
            let s = Samples.collect(runs: runs, budget: 60) { _ in driver.time(action) }
            all += s.seconds
            table.add(label, s)
        }
        row("type a character at the end", 20, .input(.key(.char("x"))))
        row("Backspace", 10, key(.backspace))
        row("Left", 10, key(.left))
        row("Right", 5, key(.right))
        row("Up (previous line)", 50, key(.up))
        row("type a character mid-text", 20, .input(.key(.char("z"))))
        row("Delete", 10, key(.delete))
        row("Backspace mid-text", 10, key(.backspace))
        row("Down", 20, key(.down))
        row("Home", 5, key(.home))
        row("End", 5, key(.end))
        row("Ctrl-Left (word back)", 10, key(.left, .control))
        row("Ctrl-Right (word forward)", 10, key(.right, .control))
        row("Ctrl-W (delete word)", 5, .input(.key(Key(.character("w"), .control))))
        row("Ctrl-K (kill to line end)", 3, .input(.key(Key(.character("k"), .control))))
        row("Ctrl-Y (yank)", 3, .input(.key(Key(.character("y"), .control))))
        row("Alt-Enter (newline)", 5, .input(.key(Key(.enter, .alt))))
        table.add("every key above", Samples(seconds: all))
        table.memory()
        table.print()
    }

    static func key(_ code: Key.Code, _ modifiers: Key.Modifiers = []) -> Action {
        .input(.key(Key(code, modifiers)))
    }
}
