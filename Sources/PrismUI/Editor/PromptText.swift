import PrismTerminal

/// Byte-level questions about a prompt's text, answered without walking Characters.
///
/// The prompt may hold a megabyte of pasted text, and every key asks where the line
/// starts or how many characters the caret is from it. Newlines are single bytes (the
/// editor turns CR LF into LF), and in ASCII text every byte before another ASCII byte
/// is a character of its own, so those answers come from scanning bytes, a word at a
/// time; only non-ASCII runs fall back to grapheme breaking. Offsets are UTF-8 offsets.
enum PromptText {
    static let newline: UInt8 = 0x0A

    /// Runs `body` over the UTF-8 bytes of `text` without copying them (native strings are contiguous).
    static func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The offset just after the last newline before `offset` (0 when there is none).
    static func lineStart(in text: String, before offset: Int) -> Int {
        withBytes(text) { bytes in
            var i = offset
            guard let base = bytes.baseAddress else { return 0 }
            while i >= 8 {
                let word = UnsafeRawPointer(base + i - 8).loadUnaligned(as: UInt64.self)
                if hasByte(word, newline) { break }
                i -= 8
            }
            while i > 0, base[i - 1] != newline { i -= 1 }
            return i
        }
    }

    /// The offset of the first newline at or after `offset` (the text's length when there is none).
    static func lineEnd(in text: String, from offset: Int) -> Int {
        withBytes(text) { bytes in
            var i = offset
            let end = bytes.count
            guard let base = bytes.baseAddress else { return 0 }
            while i + 8 <= end {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if hasByte(word, newline) { break }
                i += 8
            }
            while i < end, base[i] != newline { i += 1 }
            return i
        }
    }

    /// How many newlines lie in `range`.
    static func newlines(in text: String, _ range: Range<Int>) -> Int {
        withBytes(text) { bytes in
            var count = 0
            for i in range where bytes[i] == newline { count += 1 }
            return count
        }
    }

    /// Whether every byte in `range` is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        var i = range.lowerBound
        while i + 8 <= range.upperBound {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < range.upperBound {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// Whether the bytes in `range` are one character each: all ASCII, and the byte after
    /// them (which could combine with the last one) is ASCII too or absent.
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        isASCII(bytes, range.lowerBound..<min(bytes.count, range.upperBound + 1))
    }

    /// Characters (grapheme clusters) between two character boundaries.
    static func characters(in text: String, _ range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        if withBytes(text, { isSimple($0, range) }) { return range.count }
        let utf8 = text.utf8
        return text[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)].count
    }

    /// The offset `characters` characters after `offset`, stopping at the end of the line.
    static func advance(in text: String, from offset: Int, characters n: Int) -> Int {
        let end = lineEnd(in: text, from: offset)
        let target = min(end, offset + n)
        if withBytes(text, { isSimple($0, offset..<target) }) { return target }
        let utf8 = text.utf8
        var i = utf8.index(utf8.startIndex, offsetBy: offset)
        let stop = utf8.index(utf8.startIndex, offsetBy: end)
        var left = n
        while left > 0, i < stop {
            i = text.index(after: i)
            left -= 1
        }
        return utf8.distance(from: utf8.startIndex, to: min(i, stop))
    }

    /// Whether any byte of `word` equals `byte` (the classic has-zero-byte test on `word ^ byte…`).
    @inline(__always)
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}
