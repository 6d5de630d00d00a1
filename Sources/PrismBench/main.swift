import Foundation

// Prism's benchmarks: `swift run -c release PrismBench [sse|sessions|launch|client]...`
//
// Prints tables of figures (Markdown, so they paste into docs/benchmarks.md). Never
// asserts on timing. Build in release: debug figures are meaningless.

let available = ["sse", "sessions", "launch", "client"]
var selected = Array(CommandLine.arguments.dropFirst())
if selected.contains(where: { $0 == "-h" || $0 == "--help" }) {
    print("usage: PrismBench [\(available.joined(separator: "|"))]...   (default: all)")
    print("  sse       SSE decoding + chunk decoding throughput (benchmark 1)")
    print("  sessions  FileSessionStore save/load of a 2,000-message session, listing 1,000 sessions (2)")
    print("  launch    prism ask --demo start-up to first byte; needs `swift build -c release --product prism` (3)")
    print("  client    end-to-end OpenRouterClient with DemoTransport and with URLSession → StubServer (5)")
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
        default: break
        }
    }
} catch {
    FileHandle.standardError.write(Data("PrismBench: \(error)\n".utf8))
    exit(1)
}
print("\n(total benchmark time: \(Format.fixed((Measure.clock.now - started).seconds, digits: 1)) s)")
