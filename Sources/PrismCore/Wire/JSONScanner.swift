import Foundation

/// A forward-only reader over JSON bytes that materialises only what it is asked for.
///
/// Foundation's JSONDecoder spends about 9 µs on a typical 300-byte stream chunk
/// (about 32 MB/s here), which would make decoding the slowest step of streaming.
/// The scanner reads the few fields Prism needs and skips the rest without
/// allocating. It throws on anything malformed; callers then fall back to
/// JSONDecoder, so leniency rules live in one place.
struct JSONScanner {
    struct Malformed: Error {}

    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    mutating func peek() -> UInt8? {
        skipWhitespace()
        return i < bytes.count ? bytes[i] : nil
    }

    mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw Malformed() }
        i += 1
    }

    /// Consumes `null` if it is next; returns whether it did.
    mutating func consumeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        guard i + 4 <= bytes.count, bytes[i + 1] == 0x75, bytes[i + 2] == 0x6C, bytes[i + 3] == 0x6C else {
            throw Malformed()
        }
        i += 4
        return true
    }

    /// Calls `body` for each member of the object that comes next, with the raw key bytes.
    /// The body must consume the member's value. `null` in place of the object is no members.
    mutating func forEachMember(_ body: (inout JSONScanner, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if try consumeNull() { return }
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") { i += 1; return }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
            let key = try rawStringBytes()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
            switch peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return
            default: throw Malformed()
            }
        }
    }

    /// Calls `body` for each element of the array that comes next. `null` is an empty array.
    mutating func forEachElement(_ body: (inout JSONScanner) throws -> Void) throws {
        if try consumeNull() { return }
        try expect(UInt8(ascii: "["))
        if peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            skipWhitespace()
            try body(&self)
            switch peek() {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return
            default: throw Malformed()
            }
        }
    }

    /// The raw bytes between the quotes of the string that comes next (escapes untouched).
    mutating func rawStringBytes() throws -> UnsafeBufferPointer<UInt8> {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<i])
                i += 1
                return slice
            }
            i += b == UInt8(ascii: "\\") ? 2 : 1
        }
        throw Malformed()
    }

    /// The string that comes next, or nil (value skipped) when it is not a string.
    mutating func stringOrSkip() throws -> String? {
        guard peek() == UInt8(ascii: "\"") else {
            try skipValue()
            return nil
        }
        let raw = try rawStringBytes()
        if !raw.contains(UInt8(ascii: "\\")) {
            return String(decoding: raw, as: UTF8.self)
        }
        return try JSONScanner.unescape(raw)
    }

    /// The integer that comes next, or nil (value skipped) when it is not an integer.
    mutating func intOrSkip() throws -> Int? {
        let start = i
        try skipValue()
        var value = 0
        var negative = false
        var j = start
        while j < i, bytes[j] == 0x20 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == 0x09 { j += 1 }
        if j < i, bytes[j] == UInt8(ascii: "-") { negative = true; j += 1 }
        guard j < i else { return nil }
        while j < i {
            let b = bytes[j]
            guard b >= 0x30, b <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(Int(b - 0x30))
            if o1 || o2 { return nil }
            value = s
            j += 1
        }
        return negative ? -value : value
    }

    /// Skips the value that comes next, and returns its bytes.
    @discardableResult
    mutating func skipValue() throws -> UnsafeBufferPointer<UInt8> {
        guard let first = peek() else { throw Malformed() }
        let start = i
        switch first {
        case UInt8(ascii: "\""):
            _ = try rawStringBytes()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") {
                    _ = try rawStringBytes()
                    continue
                }
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") { depth += 1 }
                if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { i += 1; return UnsafeBufferPointer(rebasing: bytes[start..<i]) }
                }
                i += 1
            }
            throw Malformed()
        default:
            // number, true, false, null
            while i < bytes.count {
                let b = bytes[i]
                if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]")
                    || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { break }
                i += 1
            }
            guard i > start else { throw Malformed() }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<i])
    }

    /// Decodes JSON string escapes, including surrogate pairs in `\u` escapes.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count else { throw Malformed() }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = raw[j]
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw Malformed()
                }
                v = v << 4 | d
            }
            return v
        }
        while k < raw.count {
            let b = raw[k]
            guard b == UInt8(ascii: "\\") else { out.append(b); k += 1; continue }
            guard k + 1 < raw.count else { throw Malformed() }
            let e = raw[k + 1]
            k += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "u"):
                var scalar = try hex4(k)
                k += 4
                if (0xD800...0xDBFF).contains(scalar), k + 6 <= raw.count,
                   raw[k] == UInt8(ascii: "\\"), raw[k + 1] == UInt8(ascii: "u") {
                    let low = try hex4(k + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        k += 6
                    }
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw Malformed()
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Compares raw bytes with an ASCII key without allocating.
    func equals(_ key: StaticString) -> Bool {
        guard count == key.utf8CodeUnitCount else { return false }
        if count == 0 { return true }
        return memcmp(baseAddress!, key.utf8Start, count) == 0
    }
}
