import Foundation

/// Runs the built `prism` binary as a user would, with its own XDG folders.
struct PrismProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: URL
    var environment: [String: String]

    init(key: String? = nil, baseURL: URL? = nil, config: String? = nil) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("prism-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = [
            "HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            "PRISM_LOG": "debug",
        ]
        if let key { environment["OPENROUTER_API_KEY"] = key }
        if let baseURL { environment["OPENROUTER_BASE_URL"] = baseURL.absoluteString }
        if let config {
            let dir = home.appendingPathComponent("config/prism")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try config.write(to: dir.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        }
    }

    /// The `prism` executable built next to the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("prism")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/prism")
    }

    /// Runs `prism args`, feeding `stdin` (an empty pipe when nil), with a time limit.
    func run(_ args: [String], stdin: String? = nil, timeout: TimeInterval = 30) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = args
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes concurrently so neither can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let errThread = Thread { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        errThread.start()
        let deadline = Date().addingTimeInterval(timeout)
        let killer = Thread {
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { process.terminate() }
        }
        killer.start()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errThread.isExecuting || !errThread.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Every file Prism wrote under its XDG folders, with contents.
    func writtenFiles() -> [(path: String, data: Data)] {
        guard let walker = FileManager.default.enumerator(at: home, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, Data)] = []
        for case let url as URL in walker {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
               let data = FileManager.default.contents(atPath: url.path) {
                files.append((url.path, data))
            }
        }
        return files
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: home)
    }
}

extension String {
    /// Parses this text as one JSON object.
    var jsonObject: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(utf8))) as? [String: Any]
    }

    /// Parses this text as a JSON array of objects.
    var jsonArray: [[String: Any]]? {
        (try? JSONSerialization.jsonObject(with: Data(utf8))) as? [[String: Any]]
    }
}
