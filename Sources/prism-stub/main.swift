#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PrismStub

// prism-stub [--port N] [--key KEY]
// Starts the stub OpenRouter server, prints its base URL on one line, runs until SIGTERM/SIGINT.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("prism-stub: \(message)\nusage: prism-stub [--port N] [--key KEY]\n".utf8))
    exit(2)
}

var port = 0
var key: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port":
        guard let value = arguments.popFirst(), let number = Int(value), (0...65535).contains(number) else {
            fail("--port needs a number from 0 to 65535")
        }
        port = number
    case "--key":
        guard let value = arguments.popFirst(), !value.isEmpty else { fail("--key needs a value") }
        key = value
    case "-h", "--help":
        print("usage: prism-stub [--port N] [--key KEY]")
        print("Serves an OpenRouter-compatible stub API on 127.0.0.1. Models:")
        for model in StubModels.all { print("  \(model.id)  \(model.summary)") }
        exit(0)
    default:
        fail("unknown argument \(argument)")
    }
}

// Block the stop signals before any thread starts (threads inherit the mask), then wait for one.
signal(SIGPIPE, SIG_IGN)
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGTERM)
sigaddset(&stopSignals, SIGINT)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

let server = StubServer(requiredKey: key)
do {
    let bound = try server.start(port: port)
    // Unbuffered write: whoever launched us reads this line before sending requests.
    FileHandle.standardOutput.write(Data("http://127.0.0.1:\(bound)/api/v1\n".utf8))
} catch {
    fail("\(error)")
}

var received: Int32 = 0
sigwait(&stopSignals, &received)
server.stop()
exit(0)
