/// One server-sent event, dispatched at a blank line.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or nil for the default `message` type.
    public var type: String?
    /// All `data:` lines of the event joined with `\n`.
    public var data: String
    /// The last `id:` seen on the stream so far.
    public var lastEventID: String?

    public init(type: String? = nil, data: String, lastEventID: String? = nil) {
        self.type = type
        self.data = data
        self.lastEventID = lastEventID
    }
}

/// Turns a byte stream into server-sent events, following the WHATWG parsing rules.
///
/// Bytes may arrive split anywhere: inside a line, between CR and LF, or inside a
/// UTF-8 sequence. The decoder therefore works on bytes and converts to text only
/// once a line is complete. Comment lines (`: OPENROUTER PROCESSING`) are counted
/// but never dispatched, so they can never reach a JSON decoder.
public struct SSEDecoder: Sendable {
    private var line: [UInt8] = []
    private var data: [UInt8] = []
    private var hasData = false
    private var eventType: String?
    private var lastEventID: String?
    private var atStart = true
    private var skipLF = false

    /// Comment lines seen so far (keep-alives).
    public private(set) var commentCount = 0
    /// The last valid `retry:` value in milliseconds.
    public private(set) var retryMilliseconds: Int?

    public init() {}

    /// Feeds the next piece of the stream; returns every event it completes.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var events: [SSEEvent] = []
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            feed(buffer, into: &events)
        }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { feed($0, into: &events) }
        }
        return events
    }

    private mutating func feed(_ input: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        var start = 0
        let count = input.count
        if atStart, count > 0 {
            // A leading U+FEFF (EF BB BF) is dropped, even when it arrives a byte at a time.
            line.append(contentsOf: UnsafeBufferPointer(rebasing: input[0..<min(3, count)]))
            start = min(3, count)
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if line.count >= 3 || !bom.starts(with: line) {
                atStart = false
                if line.starts(with: bom) { line.removeFirst(3) }
                let pending = line
                line.removeAll(keepingCapacity: true)
                pending.withUnsafeBufferPointer { scan($0, from: 0, into: &events) }
            } else {
                return // still could be a BOM; wait for more bytes
            }
        }
        scan(input, from: start, into: &events)
    }

    private mutating func scan(_ input: UnsafeBufferPointer<UInt8>, from start: Int, into events: inout [SSEEvent]) {
        var i = start
        let count = input.count
        if skipLF, i < count {
            if input[i] == 0x0A { i += 1 }
            skipLF = false
        }
        var lineStart = i
        while i < count {
            let byte = input[i]
            if byte == 0x0A || byte == 0x0D {
                if line.isEmpty {
                    processLine(UnsafeBufferPointer(rebasing: input[lineStart..<i]), into: &events)
                } else {
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineStart..<i]))
                    let full = line
                    line.removeAll(keepingCapacity: true)
                    full.withUnsafeBufferPointer { processLine($0, into: &events) }
                }
                i += 1
                if byte == 0x0D {
                    if i < count {
                        if input[i] == 0x0A { i += 1 }
                    } else {
                        skipLF = true
                    }
                }
                lineStart = i
            } else {
                i += 1
            }
        }
        if lineStart < count {
            line.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineStart..<count]))
        }
    }

    private mutating func processLine(_ bytes: UnsafeBufferPointer<UInt8>, into events: inout [SSEEvent]) {
        if bytes.isEmpty {
            dispatch(into: &events)
            return
        }
        if bytes[0] == 0x3A { // ':'
            commentCount += 1
            return
        }
        var colon = bytes.count
        for j in 0..<bytes.count where bytes[j] == 0x3A {
            colon = j
            break
        }
        let field = UnsafeBufferPointer(rebasing: bytes[0..<colon])
        var valueStart = min(colon + 1, bytes.count)
        if valueStart < bytes.count, bytes[valueStart] == 0x20 { valueStart += 1 }
        let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<bytes.count])
        switch field.count {
        case 4 where field.elementsEqual("data".utf8):
            if hasData { data.append(0x0A) }
            data.append(contentsOf: value)
            hasData = true
        case 5 where field.elementsEqual("event".utf8):
            eventType = String(decoding: value, as: UTF8.self)
        case 2 where field.elementsEqual("id".utf8):
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case 5 where field.elementsEqual("retry".utf8):
            if !value.isEmpty, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                retryMilliseconds = Int(String(decoding: value, as: UTF8.self))
            }
        default:
            break // unknown fields are ignored, as the spec says
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            data.removeAll(keepingCapacity: true)
            hasData = false
            eventType = nil
        }
        guard hasData else { return }
        events.append(SSEEvent(type: eventType, data: String(decoding: data, as: UTF8.self), lastEventID: lastEventID))
    }

    /// Ends the stream. Per the spec an event not closed by a blank line is discarded;
    /// this reports whether such an incomplete event (or line) was pending.
    public mutating func finish() -> Bool {
        let pending = hasData || !line.isEmpty
        line.removeAll()
        data.removeAll()
        hasData = false
        return pending
    }
}
