import Foundation
import PrismCore

let chunk = #"data: {"id":"gen-1712345678-abcdefghijkl","provider":"OpenAI","model":"openai/gpt-5","object":"chat.completion.chunk","created":1712345678,"choices":[{"index":0,"delta":{"role":"assistant","content":"Hello there, this is a token"},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}"# + "\n\n"
var wire = Data()
for _ in 0..<20000 { wire.append(chunk.data(using: .utf8)!) }
let bytes = [UInt8](wire)
let clock = ContinuousClock()
var dec = SSEDecoder()
var n = 0
let t0 = clock.now
let events = dec.feed(bytes)
let t1 = clock.now
let jd = JSONDecoder()
_ = jd; for e in events { if let c = StreamChunk.decode(e.data) { n += c.choices.count } }
let t2 = clock.now
func ms(_ d: Duration) -> Double { Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000 }
let mb = Double(bytes.count) / 1e6
print("events \(events.count) n \(n) sse \(mb / (ms(t1 - t0) / 1000)) MB/s, json \(mb / (ms(t2 - t1) / 1000)) MB/s, us/chunk \(ms(t2 - t1) * 1000 / Double(events.count))")
