import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `prism` process left running, so a test can watch its output and signal or kill it mid-reply.
final class RunningPrism: @unchecked Sendable {
    let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()
    private let readers = DispatchGroup()

    init(_ prism: PrismProcess, _ args: [String]) throws {
        process.executableURL = PrismProcess.binary
        process.arguments = args
        process.environment = prism.environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        try input.fileHandleForWriting.close()
        for (handle, isOut) in [(output.fileHandleForReading, true), (errors.fileHandleForReading, false)] {
            readers.enter()
            Thread { [self] in
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    lock.withLock { if isOut { out.append(chunk) } else { err.append(chunk) } }
                }
                readers.leave()
            }.start()
        }
    }

    var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

    /// Waits until stdout holds at least `count` bytes; false on timeout.
    @discardableResult
    func waitForOutput(bytes count: Int, timeout: TimeInterval = 20) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if lock.withLock({ out.count }) >= count { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end; returns its exit status, or 128 + the signal that killed it.
    func wait(timeout: TimeInterval = 20) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = readers.wait(timeout: .now() + 5)
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
