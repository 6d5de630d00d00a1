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
///
/// A line and an event are capped (`maxLineBytes`, `maxEventBytes`): a server that
/// sends `data: ` and never a newline would otherwise grow the buffer without end.
/// The check happens before bytes are buffered, so memory stays within the cap while
/// the oversized line arrives; past it the decoder stops (`overflow`) and ignores the rest.
public struct SSEDecoder: Sendable {
    /// 16 MiB, for a line and for an event: far above any text chunk (a few hundred bytes)
    /// and above the largest single events real servers send (an inline base64 image from an
    /// image model is a few MiB), and the same cap as a non-streamed JSON reply body.
    public static let defaultLimit = 16 << 20

    /// Which cap a stream broke.
    public enum Overflow: Sendable, Equatable {
        /// One line (without its line end) was longer than this many bytes.
        case line(limit: Int)
        /// One event's `data:` lines together were longer than this many bytes.
        case event(limit: Int)
    }

    public let maxLineBytes: Int
    public let maxEventBytes: Int
    /// Set once a cap was exceeded; the decoder then buffers and dispatches nothing more.
    public private(set) var overflow: Overflow?

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

    public init(maxLineBytes: Int = SSEDecoder.defaultLimit, maxEventBytes: Int = SSEDecoder.defaultLimit) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxEventBytes = max(1, maxEventBytes)
    }

    /// Bytes held for a line or an event not yet complete (bounded by the two caps).
    public var bufferedBytes: Int { line.count + data.count }

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
        guard overflow == nil else { return }
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
        guard overflow == nil else { return }
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
                if line.count + (i - lineStart) > maxLineBytes {
                    stop(.line(limit: maxLineBytes))
                    return
                }
                if line.isEmpty {
                    processLine(UnsafeBufferPointer(rebasing: input[lineStart..<i]), into: &events)
                } else {
                    line.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineStart..<i]))
                    let full = line
                    line.removeAll(keepingCapacity: true)
                    full.withUnsafeBufferPointer { processLine($0, into: &events) }
                }
                if overflow != nil { return }
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
            // Checked before buffering: an endless line never holds more than the cap.
            if line.count + (count - lineStart) > maxLineBytes {
                stop(.line(limit: maxLineBytes))
                return
            }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: input[lineStart..<count]))
        }
    }

    /// Records the overflow and lets go of everything buffered.
    private mutating func stop(_ reason: Overflow) {
        overflow = reason
        line = []
        data = []
        hasData = false
        eventType = nil
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
            if data.count + value.count + (hasData ? 1 : 0) > maxEventBytes {
                stop(.event(limit: maxEventBytes))
                return
            }
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
