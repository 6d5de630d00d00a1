import Foundation
import PrismCore

/// Benchmark 1: SSE decoding and chunk decoding throughput (target: ≥ 100 MB/s).
///
/// The stream is fed to `SSEDecoder` in network-sized pieces; each event's data goes to
/// a `ReplyAccumulator`, exactly as `OpenRouterClient` does (without the async body
/// stream and event emission, which benchmark 5 covers). JSONDecoder on the same
/// payloads shows what the hand-written scanner buys.
enum SSEBench {
    static let runs = 9
    static let targetMBps = 100.0

    static func run() {
        let fixture = StreamFixture()
        let events = fixture.payloads.count
        let wireBytes = fixture.wire.count
        let payloadBytes = fixture.payloadBytes
        print("\nSSE fixture: \(Format.bytes(wireBytes)) on the wire, \(Format.grouped(events)) data events "
              + "(\(Format.grouped(fixture.deltaChunks)) delta chunks, avg \(payloadBytes / events) B payload)")
        check(fixture)

        var table = Table("1. SSE + chunk decoding (\(runs) runs, median)",
                          headers: ["Stage", "Input", "Median", "Min", "Max", "Throughput", "Per chunk", "Target ≥ 100 MB/s"],
                          labelColumns: 2)
        func row(_ stage: String, _ input: String, bytes: Int, _ s: Samples, target: Bool) {
            let mbps = Double(bytes) / 1e6 / s.median
            table.add([stage, input, Format.ms(s.median), Format.ms(s.min), Format.ms(s.max),
                       Format.mbps(bytes: bytes, seconds: s.median), Format.us(s.median / Double(events)),
                       target ? (mbps >= targetMBps ? "met" : "NOT met") : "–"])
        }

        for size in [1_400, 16_384] {
            let pieces = fixture.pieces(of: size)
            let label = "\(Format.grouped(size)) B pieces"
            row("SSEDecoder only", label, bytes: wireBytes, sseOnly(pieces), target: true)
            row("SSE + ReplyAccumulator", label, bytes: wireBytes, combined(pieces), target: true)
        }
        row("StreamChunk.decode (scanner)", "payloads", bytes: payloadBytes, scannerOnly(fixture.payloads), target: true)
        row("ReplyAccumulator.consume(data:)", "payloads", bytes: payloadBytes, accumulateOnly(fixture.payloads), target: true)
        row("JSONDecoder → StreamChunk", "payloads", bytes: payloadBytes, jsonDecoderOnly(fixture.payloads), target: false)
        table.note("Throughput of SSE rows = wire bytes / time; of payload rows = `data:` payload bytes / time.")
        table.note("Per chunk = median time / \(Format.grouped(events)) data events.")
        table.note("JSONDecoder is shown for comparison only (one decoder reused; payload converted to Data per event).")
        table.print()
    }

    /// Confirms the fixture decodes to the text it was built from, so the figures are for correct work.
    private static func check(_ fixture: StreamFixture) {
        var decoder = SSEDecoder()
        var accumulator = ReplyAccumulator()
        for piece in fixture.pieces(of: 1_400) {
            for event in decoder.feed(piece) { _ = accumulator.consume(data: event.data) }
        }
        let reply = accumulator.finishStream()
        let ok = reply.content == fixture.expectedContent && reply.reasoning == fixture.expectedReasoning
            && reply.failure == nil && reply.usage?.completionTokens == fixture.deltaChunks
            && accumulator.undecodableEvents == 0 && decoder.commentCount > 0
        if !ok {
            print("warning: the SSE fixture did not decode to the expected reply; figures below may be meaningless")
        }
    }

    private static func sseOnly(_ pieces: [Data]) -> Samples {
        Measure.repeated(runs: runs) {
            var decoder = SSEDecoder()
            var count = 0
            for piece in pieces { count += decoder.feed(piece).count }
            blackHole(count)
        }
    }

    private static func combined(_ pieces: [Data]) -> Samples {
        Measure.repeated(runs: runs) {
            var decoder = SSEDecoder()
            var accumulator = ReplyAccumulator()
            var emitted = 0
            for piece in pieces {
                for event in decoder.feed(piece) { emitted += accumulator.consume(data: event.data).count }
            }
            blackHole(accumulator.finishStream())
            blackHole(emitted)
        }
    }

    private static func scannerOnly(_ payloads: [String]) -> Samples {
        Measure.repeated(runs: runs) {
            var choices = 0
            for payload in payloads { choices += StreamChunk.decode(payload)?.choices.count ?? 0 }
            blackHole(choices)
        }
    }

    private static func accumulateOnly(_ payloads: [String]) -> Samples {
        Measure.repeated(runs: runs) {
            var accumulator = ReplyAccumulator()
            var emitted = 0
            for payload in payloads { emitted += accumulator.consume(data: payload).count }
            blackHole(accumulator.finishStream())
            blackHole(emitted)
        }
    }

    private static func jsonDecoderOnly(_ payloads: [String]) -> Samples {
        let decoder = JSONDecoder()
        return Measure.repeated(runs: 5) {
            var choices = 0
            for payload in payloads {
                choices += (try? decoder.decode(StreamChunk.self, from: Data(payload.utf8)))?.choices.count ?? 0
            }
            blackHole(choices)
        }
    }
}
