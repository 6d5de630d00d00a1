import Foundation

// Prism's benchmarks: `swift run -c release PrismBench [sse|sessions|launch|client|ui]...`
//
// Prints tables of figures (Markdown, so they paste into docs/benchmarks.md). Never
// asserts on timing. Build in release: debug figures are meaningless.

let available = ["sse", "sessions", "launch", "client", "ui", "estimate", "ledger", "stats", "history", "route"]
var selected = Array(CommandLine.arguments.dropFirst())
if selected.first == "bounds-case", selected.count == 2 {
    BoundsBench.runCase(selected[1])  // one case of `bounds`, in a child process; never returns
}
if selected.first == "bounds" {
    BoundsBench.run(Array(selected.dropFirst()))
    exit(0)
}
if let mode = selected.first, Helpers.modes.contains(mode) {
    Helpers.run(mode, Array(selected.dropFirst()))  // helpers for scripts/tui-bench.py; never return
}
if selected.contains(where: { $0 == "-h" || $0 == "--help" }) {
    print("usage: PrismBench [\(available.joined(separator: "|"))]...   (default: all)")
    print("  sse       SSE decoding + chunk decoding throughput (benchmark 1)")
    print("  sessions  FileSessionStore save/load of a 2,000-message session, listing 1,000 sessions (2)")
    print("  launch    prism ask --demo start-up to first byte; needs `swift build -c release --product prism` (3)")
    print("  client    end-to-end OpenRouterClient with DemoTransport, and libcurl and URLSession → StubServer (5)")
    print("  ui        render + diff of a 200×60 frame showing a 10,000-message session (6)")
    print("  estimate  cost preview: 400 models priced per keystroke on a 2,000-message thread (issue 11)")
    print("  ledger    spend ledger with 100,000 entries: open + today's and this month's totals (12)")
    print("  stats     the analytics view opened at 200×60 on 30 models × 90 days (target ≤ 100 ms)")
    print("  history   reply history with 100,000 replies: the stats report per range, recording one reply (13)")
    print("  route     a route decision: ratings fitted from 2,000 compare rounds, 20 candidates scored (14)")
    print("  bounds [\(BoundsBench.cases.joined(separator: "|"))]...")
    print("            keys and memory with a 50 MB reply, a 200,000-model catalog, a 1 MB paste (9; not in the default run)")
    print("helpers for scripts/tui-bench.py (not benchmarks):")
    print("  serve-stub [--tokens N] [--interval S] [--replies K] [--steady 0|1] [--model ID|request]")
    print("            stub server: K replies of N tokens S s apart (--steady 1: exactly 1/S tokens/s)")
    print("  write-session [--messages N]   save the 10,000-message chat under $XDG_DATA_HOME; prints its id")
    print("  write-big-session [--bytes N]  save a chat whose last reply is N bytes (default 50 MB); prints its id")
    print("  write-catalog [--models N]     write a 200,000-model catalog as the --demo catalog cache")
    exit(0)
}
if let unknown = selected.first(where: { !available.contains($0) }) {
    FileHandle.standardError.write(Data("PrismBench: unknown benchmark '\(unknown)'; choose from \(available.joined(separator: ", "))\n".utf8))
    exit(2)
}
if selected.isEmpty { selected = available }

#if DEBUG
print("warning: this is a debug build; run `swift run -c release PrismBench` for meaningful figures")
#endif
print("PrismBench: \(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + "\(ProcessInfo.processInfo.physicalMemory >> 30) GiB, running: \(selected.joined(separator: ", "))")

let started = Measure.clock.now
do {
    for name in selected {
        switch name {
        case "sse": SSEBench.run()
        case "sessions": try SessionBench.run()
        case "launch": try LaunchBench.run()
        case "client": try await ClientBench.run()
        case "ui": UIBench.run()
        case "estimate": EstimateBench.run()
        case "ledger": try LedgerBench.run()
        case "stats": StatsBench.run()
        case "history": try HistoryBench.run()
        case "route": try RouteBench.run()
        default: break
        }
    }
} catch {
    FileHandle.standardError.write(Data("PrismBench: \(error)\n".utf8))
    exit(1)
}
print("\n(total benchmark time: \(Format.fixed((Measure.clock.now - started).seconds, digits: 1)) s)")
