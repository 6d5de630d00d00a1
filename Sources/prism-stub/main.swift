#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PrismStub

// prism-stub [--port N] [--key KEY] [--credits ok|forbidden|missing] [--generation now|late:N|missing|failing]
// Starts the stub OpenRouter server, prints its base URL on one line, runs until SIGTERM/SIGINT.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("prism-stub: \(message)\nusage: \(usage)\n".utf8))
    exit(2)
}

let usage = "prism-stub [--port N] [--key KEY] [--credits ok|forbidden|missing] [--generation now|late:N|missing|failing]"
var port = 0
var key: String?
var credits = StubCreditsMode.standard
var generation = StubGenerationMode.available
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
    case "--credits":
        switch arguments.popFirst() {
        case "ok": credits = .standard
        case "forbidden": credits = .forbidden
        case "missing": credits = .notFound
        default: fail("--credits needs ok, forbidden or missing")
        }
    case "--generation":
        let value = arguments.popFirst() ?? ""
        if value == "now" {
            generation = .available
        } else if value == "missing" {
            generation = .missing
        } else if value == "failing" {
            generation = .failing
        } else if value.hasPrefix("late:"), let count = Int(value.dropFirst(5)), count >= 0 {
            generation = .late(notFoundFor: count)
        } else {
            fail("--generation needs now, late:N, missing or failing")
        }
    case "-h", "--help":
        print("usage: \(usage)")
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
server.creditsMode = credits
server.generationMode = generation
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
