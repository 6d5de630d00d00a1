import Foundation

/// Benchmark 3: `prism ask --demo -m demo/instant` from process start to first byte on stdout.
///
/// Spawns the release `prism` binary (it must be built: `swift build -c release --product prism`)
/// with temporary XDG folders, stdin from /dev/null and stdout on a pipe. Timing starts just
/// before `Process.run()`; the first byte is read with a blocking `read(2)` on the pipe.
/// `prism --version` (start to exit) is the floor: process start, dynamic linking, Swift and
/// Foundation runtime start-up and argument parsing, with no work at all.
enum LaunchBench {
    static let runs = 20
    static let prompt = "Explain server-sent events in one paragraph"

    static func run() throws {
        guard let binary = locatePrism() else {
            print("\n3. prism start-up: skipped: no release prism binary next to PrismBench or in .build/release.")
            print("   Build it first: swift build -c release --product prism")
            return
        }
        let home = FileManager.default.temporaryDirectory
            .appendingPathComponent("prism-bench-launch-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: home) }
        var environment: [String: String] = [
            "HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "LANG": "C.UTF-8", "TERM": "dumb", "NO_COLOR": "1",
        ]
        for name in ["CONFIG", "DATA", "CACHE", "STATE"] {
            let dir = home.appendingPathComponent(name.lowercased(), isDirectory: true)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            environment["XDG_\(name)_HOME"] = dir.path
        }

        let askArgs = ["ask", "--demo", "-m", "demo/instant", prompt]
        let versionArgs = ["--version"]
        // Warm-up: page the binary and shared libraries in, create the XDG folders' contents.
        for _ in 0..<2 {
            _ = try spawn(binary, askArgs, environment: environment)
            _ = try spawn(binary, versionArgs, environment: environment)
        }
        var ask: [Run] = []
        var version: [Run] = []
        for _ in 0..<runs {
            ask.append(try spawn(binary, askArgs, environment: environment))
            version.append(try spawn(binary, versionArgs, environment: environment))
        }

        var table = Table("3. prism start-up (\(runs) runs each, interleaved)",
                          headers: ["Command", "Measure", "Median", "p90", "Min", "Max"], labelColumns: 2)
        func row(_ command: String, _ measure: String, _ s: Samples) {
            table.add([command, measure, Format.ms(s.median), Format.ms(s.p90), Format.ms(s.min), Format.ms(s.max)])
        }
        let askLabel = "prism ask --demo -m demo/instant \"…\""
        row(askLabel, "start → first stdout byte", Samples(seconds: ask.compactMap(\.firstByte)))
        row(askLabel, "start → exit", Samples(seconds: ask.map(\.exit)))
        row("prism --version", "start → exit (floor)", Samples(seconds: version.map(\.exit)))
        row("prism --version", "start → waitUntilExit() returns", Samples(seconds: version.map(\.reaped)))
        let failed = (ask + version).filter { $0.status != 0 || $0.firstByte == nil }.count
        if failed > 0 { table.note("warning: \(failed) runs exited non-zero or printed nothing") }
        if let sample = ask.last {
            table.note("stdout per ask: \(sample.bytes) bytes; binary: \(binary.path)")
        }
        table.note("Exit = end of stdout (the pipe closes when the process exits). Process.waitUntilExit() returns later;")
        table.note("its row shows that latency, which belongs to Foundation's Process, not to prism.")
        table.note("All rows include fork/exec by Foundation's Process in this process; `--version` is the floor.")
        table.print()
    }

    struct Run {
        var firstByte: Double?
        /// Start to end of stdout (EOF), i.e. process exit.
        var exit: Double
        /// Start to `waitUntilExit()` returning, which on Linux adds Foundation's own latency.
        var reaped: Double
        var bytes: Int
        var status: Int32
    }

    /// Runs the binary once, timing first stdout byte and exit from just before `run()`.
    static func spawn(_ binary: URL, _ arguments: [String], environment: [String: String]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: environment["HOME"] ?? "/tmp")
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let fd = pipe.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: 65_536)

        let start = Measure.clock.now
        try process.run()
        var firstByte: Double?
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            if firstByte == nil { firstByte = (Measure.clock.now - start).seconds }
            total += n
        }
        // End of stdout: the process has exited (prism starts no children that could hold the pipe).
        let exit = (Measure.clock.now - start).seconds
        process.waitUntilExit()
        let reaped = (Measure.clock.now - start).seconds
        return Run(firstByte: firstByte, exit: exit, reaped: reaped, bytes: total, status: process.terminationStatus)
    }

    /// The release `prism` next to this executable, or under `.build/release` of the current folder.
    static func locatePrism() -> URL? {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            own.deletingLastPathComponent().appendingPathComponent("prism"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/release/prism"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}
