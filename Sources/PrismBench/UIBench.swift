import Foundation
import PrismCore
import PrismTerminal
import PrismUI

/// Benchmark 6: one frame of the chat screen at 200×60 showing a 10,000-message session.
///
/// What the app does per frame, in-process: `AppRenderer.render` (layout of what is on
/// screen, every pane into a `Frame`) then `FrameDiff.changes` against the previous frame
/// (what would be sent to the terminal). Curses' own drawing is not included here; the
/// pty benchmarks in `scripts/tui-bench.py` cover the whole program.
enum UIBench {
    static let size = Size(width: 200, height: 60)
    static let target = 0.002

    static func run() {
        let built = Measure.clock.now
        let session = ChatFixture.session()
        let buildTime = (Measure.clock.now - built).seconds
        let theme = (try? ThemeCatalog(userDirectory: nil).load(name: "dark").adapted(to: .truecolor))
            ?? Theme(name: "plain", styles: [:])
        let contentBytes = session.messages.reduce(0) { $0 + $1.content.utf8.count }
        let fileBytes = (try? SessionCodec.encode(session).count) ?? 0

        var table = Table("6. Render + diff of one 200×60 frame, 10,000-message session",
                          headers: ["Case", "Samples", "Median", "p90", "Min", "Max", "Cells changed", "Target ≤ 2 ms"])
        let cold = coldRenders(session, theme: theme, runs: 11)
        add(&table, "cold first render (new renderer, no diff)", cold.samples, cells: "all \(size.width * size.height)")

        var steady = SteadyState(session: session, theme: theme)
        let unchanged = steady.measure(runs: 200) { _, _ in }
        add(&table, "(a) unchanged state: render + diff", unchanged.total, cells: unchanged.cells)
        add(&table, "    of which render", unchanged.render, cells: "", target: false)
        add(&table, "    of which diff", unchanged.diff, cells: "", target: false)

        steady.startStreaming()
        let tokens = ChatFixture.streamTokens(count: 600)
        var reducer: [Double] = []
        let streaming = steady.measure(runs: 400) { steady, i in
            let t0 = Measure.clock.now
            steady.deliver(tokens[200 + i])
            reducer.append((Measure.clock.now - t0).seconds)
        }
        add(&table, "(b) newest reply grew by one token: render + diff", streaming.total, cells: streaming.cells)
        add(&table, "    of which render", streaming.render, cells: "", target: false)
        add(&table, "    of which diff", streaming.diff, cells: "", target: false)
        add(&table, "    reducer: apply one content delta (not in the frame time)", Samples(seconds: reducer), cells: "", target: false)

        steady.stopStreaming()
        let pageUp = steady.measure(runs: 100) { steady, _ in steady.state.lane.view.pendingScroll = [.pages(-1)] }
        add(&table, "(c) PageUp into history (messages laid out for the first time)", pageUp.total, cells: pageUp.cells)
        var up = false
        let pageBack = steady.measure(runs: 100) { steady, _ in
            up.toggle()
            steady.state.lane.view.pendingScroll = [.pages(up ? 1 : -1)]
        }
        add(&table, "(c') PageDown / PageUp over laid-out messages", pageBack.total, cells: pageBack.cells)

        // Where the time goes: per-frame work that grows with the session (public PrismCore calls
        // the panes make), timed alone on the same session.
        let newest = session.messages[session.messages.count - 1].id
        add(&table, "cost: Session.currentBranch + last reply (StatusBar.lastReply, every frame)",
            Measure.repeated(runs: 50) { blackHole(session.currentBranch.last { $0.role == .assistant }) }, cells: "", target: false)
        add(&table, "cost: Session.totalCost (StatusBar, every frame)",
            Measure.repeated(runs: 50) { blackHole(session.totalCost) }, cells: "", target: false)
        add(&table, "cost: Session.message(id) of the newest message (TranscriptLayout.lines, per message drawn)",
            Measure.repeated(runs: 200) { blackHole(session.message(newest)) }, cells: "", target: false)

        // For scale: the same frame over a short chat.
        var short = SteadyState(session: ChatFixture.session(messages: 100), theme: theme)
        let shortUnchanged = short.measure(runs: 500) { _, _ in }
        add(&table, "for scale, 100-message session: (a) unchanged", shortUnchanged.total, cells: shortUnchanged.cells)
        short.startStreaming()
        let shortStreaming = short.measure(runs: 400) { steady, i in steady.deliver(tokens[200 + i]) }
        add(&table, "for scale, 100-message session: (b) one token", shortStreaming.total, cells: shortStreaming.cells)

        table.note("Session: \(Format.grouped(session.messages.count)) messages, \(Format.bytes(contentBytes)) of text, "
                   + "\(Format.bytes(fileBytes)) as a session file; built in \(Format.ms(buildTime)). Theme dark, truecolor.")
        table.note("Cold = a new AppRenderer's first render of the state (branch index, layout of the visible messages), \(cold.samples.count) runs.")
        table.note("(a)/(b)/(c) reuse one renderer warmed by a first render, as the app does; each sample is render + FrameDiff against the previous frame.")
        table.note("(b) appends tokens 200…599 of a \(Format.grouped(tokens.count))-token markdown reply through Reducer.reduce(.completion(.contentDelta)); the reducer is timed apart.")
        table.note("Cells changed = median cells in the diff's runs.")
        table.print()
    }

    private static func add(_ table: inout Table, _ label: String, _ s: Samples, cells: String, target: Bool = true) {
        table.add([label, "\(s.count)", time(s.median), time(s.p90), time(s.min), time(s.max), cells,
                   target ? (s.median <= Self.target ? "met" : "not met") : "–"])
    }

    /// µs below a millisecond, ms above.
    static func time(_ seconds: Double) -> String {
        seconds < 0.001 ? Format.fixed(seconds * 1e6, digits: 1) + " µs" : Format.fixed(seconds * 1e3, digits: 2) + " ms"
    }

    private static func coldRenders(_ session: Session, theme: Theme, runs: Int) -> (samples: Samples, frame: Frame?) {
        var durations: [Duration] = []
        var last: Frame?
        for i in 0...runs {
            var state = SteadyState.makeState(session)
            let start = Measure.clock.now
            let renderer = AppRenderer()
            let frame = renderer.render(&state, theme: theme)
            let elapsed = Measure.clock.now - start
            if i > 0 { durations.append(elapsed) }  // the first run warms code and allocator
            blackHole(frame)
            last = frame
        }
        return (Samples(durations), last)
    }
}

/// One long-lived renderer and state, stepped like the app's loop steps them.
struct SteadyState {
    struct Result {
        var total: Samples
        var render: Samples
        var diff: Samples
        var cells: String
    }

    let theme: Theme
    let renderer = AppRenderer()
    var state: AppState
    var previous: Frame
    let environment = ReducerEnvironment(makeID: { UUID().uuidString.lowercased() }, makeSessionID: { _ in "bench" })

    init(session: Session, theme: Theme) {
        self.theme = theme
        state = Self.makeState(session)
        previous = renderer.render(&state, theme: theme)
    }

    static func makeState(_ session: Session) -> AppState {
        var state = AppState(size: UIBench.size, session: session, demo: false, theme: "dark",
                             now: ChatFixture.start.addingTimeInterval(600_000))
        state.catalog = [ModelInfo(id: ChatFixture.model, name: "Anthropic: Claude Sonnet 4.5", contextLength: 1_000_000,
                                   pricing: ModelPricing(prompt: Decimal(string: "0.000003"), completion: Decimal(string: "0.000015")),
                                   maxCompletionTokens: 64_000)]
        state.catalogFetchedAt = state.now
        state.spentToday = Decimal(string: "1.27")!
        state.prompt.set("Draft: 明日の予定は？ and one more question about")
        return state
    }

    /// Adds a prompt and an empty reply, and starts a stream into it, as sending a prompt does.
    mutating func startStreaming() {
        let leaf = state.session.currentLeafID
        let user = Message(id: "bench-u", parentID: leaf, role: .user, content: "Show me a longer example, please.", createdAt: state.now)
        state.session.append(user)
        var reply = Message(id: "bench-a", parentID: user.id, role: .assistant, content: "", createdAt: state.now)
        reply.modelRequested = ChatFixture.model
        reply.status = .streaming
        state.session.append(reply)
        state.nextRequestID += 1
        state.lanes[0].stream = StreamState(requestID: state.nextRequestID, messageID: reply.id, startedAt: state.now)
        for token in ChatFixture.streamTokens(count: 200) { deliver(token) }
        previous = renderer.render(&state, theme: theme)
    }

    mutating func deliver(_ token: String) {
        _ = Reducer.reduce(&state, .completion(requestID: state.nextRequestID, event: .contentDelta(token)), environment)
    }

    mutating func stopStreaming() {
        if let stream = state.lanes[0].stream, let index = state.session.index(of: stream.messageID) {
            state.session.messages[index].status = .complete
            state.lanes[0].stream = nil
        }
        previous = renderer.render(&state, theme: theme)
    }

    /// `prepare` changes the state (untimed); then render + diff are timed.
    mutating func measure(runs: Int, _ prepare: (inout SteadyState, Int) -> Void) -> Result {
        var total: [Double] = [], render: [Double] = [], diff: [Double] = [], cells: [Double] = []
        for i in 0..<runs {
            prepare(&self, i)
            let t0 = Measure.clock.now
            let frame = renderer.render(&state, theme: theme)
            let t1 = Measure.clock.now
            let runs = FrameDiff.changes(from: previous, to: frame)
            let t2 = Measure.clock.now
            blackHole(runs)
            total.append((t2 - t0).seconds)
            render.append((t1 - t0).seconds)
            diff.append((t2 - t1).seconds)
            cells.append(Double(FrameDiff.cellCount(runs)))
            previous = frame
        }
        let medianCells = Samples(seconds: cells).median
        return Result(total: Samples(seconds: total), render: Samples(seconds: render), diff: Samples(seconds: diff),
                      cells: Format.grouped(Int(medianCells)))
    }
}
