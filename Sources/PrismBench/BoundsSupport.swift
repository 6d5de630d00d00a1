import Foundation
import PrismCore
import PrismTerminal
import PrismUI

/// The app as a benchmark drives it: one state, one renderer, one previous frame.
struct KeyDriver {
    static let size = Size(width: 200, height: 60)
    let renderer = AppRenderer()
    let theme: Theme
    var state: AppState
    var previous: Frame
    let environment = ReducerEnvironment(makeID: { UUID().uuidString.lowercased() }, makeSessionID: { _ in "bench" })

    init(session: Session) {
        theme = (try? ThemeCatalog(userDirectory: nil).load(name: "dark").adapted(to: .truecolor)) ?? Theme(name: "plain", styles: [:])
        state = AppState(size: Self.size, session: session, demo: false, theme: "dark", now: ChatFixture.start.addingTimeInterval(600_000))
        previous = renderer.render(&state, theme: theme)
    }

    var requestID: Int { state.lanes[0].stream?.requestID ?? -1 }
    var replyBytes: Int { state.lanes[0].stream.flatMap { state.session.message($0.messageID) }?.content.utf8.count ?? 0 }
    var rowCount: Int { state.pickerRowCount }

    mutating func startStream(messageID: String) {
        state.nextRequestID += 1
        state.lanes[0].stream = StreamState(requestID: state.nextRequestID, messageID: messageID, startedAt: state.now)
        previous = renderer.render(&state, theme: theme)
    }

    mutating func setReply(_ text: String) {
        if let id = state.lanes[0].stream?.messageID, let i = state.session.index(of: id) { state.session.messages[i].content = text }
    }

    mutating func followBottom() {
        _ = time(.input(.key(Key(.end, .control))))
    }

    /// Applies `action` through the reducer, then renders and diffs a frame; returns the seconds it took.
    mutating func time(_ action: Action) -> Double {
        let start = Measure.clock.now
        _ = Reducer.reduce(&state, action, environment)
        let frame = renderer.render(&state, theme: theme)
        blackHole(FrameDiff.changes(from: previous, to: frame))
        previous = frame
        return (Measure.clock.now - start).seconds
    }
}

extension Samples {
    /// Up to `runs` samples of `body` (which returns seconds), stopping once `budget` seconds are spent.
    static func collect(runs: Int, budget: Double, _ body: (Int) -> Double) -> Samples {
        var values: [Double] = []
        var spent = 0.0
        for i in 0..<runs {
            let s = body(i)
            values.append(s)
            spent += s
            if spent > budget { break }
        }
        return Samples(seconds: values)
    }
}

extension Measure {
    static func time(_ body: () -> Void) -> Double {
        let start = clock.now
        body()
        return (clock.now - start).seconds
    }

    /// Resident and peak resident memory of this process (`/proc/self/status`), in bytes.
    static func memory() -> (rss: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func value(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return 0 }
            return (Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0) * 1024
        }
        return (value("VmRSS"), value("VmHWM"))
    }
}

/// A table of per-key times with the 16 ms target, plus the case's memory.
struct BoundsTable {
    var table: Table

    init(_ title: String) {
        table = Table(title, headers: ["Key or event", "Samples", "Median", "p90", "Max", "Target ≤ 16 ms (unless noted)"])
    }

    /// A row; `limit` is the target in seconds (a frame unless noted in the label), nil for none.
    mutating func add(_ label: String, _ s: Samples, limit: Double? = BoundsBench.target, target: Bool = true, note: String = "") {
        let verdict: String
        if let limit, target {
            verdict = s.max <= limit ? "met" : (s.median <= limit ? "median met" : "not met")
        } else {
            verdict = "–"
        }
        table.add([label, "\(s.count)" + (note.isEmpty ? "" : " (\(note))"), UIBench.time(s.median), UIBench.time(s.p90), UIBench.time(s.max), verdict])
    }

    mutating func note(_ line: String) { table.note(line) }

    mutating func memory(when: String = "at the end") {
        let m = Measure.memory()
        table.note("Memory of this case's process: RSS \(Format.bytes(m.rss)) \(when), peak \(Format.bytes(m.peak)).")
    }

    func print() {
        table.print()
        fflush(nil)
    }
}
