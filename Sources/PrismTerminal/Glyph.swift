import Foundation

/// The grapheme cluster a cell shows, stored without a heap reference.
///
/// Up to 15 UTF-8 bytes (every single scalar, and nearly every cluster in practice) sit
/// inline in two words; a longer cluster (a ZWJ family emoji, a stack of combining
/// marks) is kept once in a process-wide table and the glyph holds its index. So a
/// `Cell` is plain data: a 200×60 frame is created, copied, compared and freed without
/// a retain, release or destructor call per cell, which was most of a streaming frame's
/// cost when cells held a `String`.
///
/// Equal clusters always have equal bits (inline bytes are zero-padded, and the table
/// hands out one index per distinct string), so equality and hashing are bitwise.
public struct Glyph: Hashable, Sendable {
    /// Bytes 0–7 of the UTF-8, or the table index of a long cluster.
    private var low: UInt64
    /// Bytes 8–14 of the UTF-8 in the low seven bytes; the top byte is the length
    /// (0–15), or `Self.interned` for a cluster in the table.
    private var high: UInt64

    private static let interned: UInt64 = 0xFF
    private static let inlineCapacity = 15

    /// The empty glyph (the right half of a wide grapheme).
    public static let empty = Glyph(low: 0, high: 0)
    /// A space.
    public static let space = Glyph(ascii: 0x20)
    /// U+FFFD, shown in place of anything that must not reach the terminal.
    public static let replacement = Glyph(scalar: "\u{FFFD}")

    private init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// A glyph of one ASCII byte (the caller makes sure it is printable).
    @inline(__always)
    public init(ascii byte: UInt8) {
        self.init(low: UInt64(byte), high: 1 << 56)
    }

    /// A glyph of one scalar.
    @inline(__always)
    public init(scalar: Unicode.Scalar) {
        let v = UInt64(scalar.value)
        switch scalar.value {
        case 0..<0x80:
            self.init(low: v, high: 1 << 56)
        case 0x80..<0x800:
            self.init(low: (0xC0 | v >> 6) | (0x80 | v & 0x3F) << 8, high: 2 << 56)
        case 0x800..<0x10000:
            self.init(low: (0xE0 | v >> 12) | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, high: 3 << 56)
        default:
            self.init(low: (0xF0 | v >> 18) | (0x80 | v >> 12 & 0x3F) << 8 | (0x80 | v >> 6 & 0x3F) << 16
                      | (0x80 | v & 0x3F) << 24, high: 4 << 56)
        }
    }

    /// A glyph holding any text (normally one grapheme cluster).
    public init(_ text: String) {
        var low: UInt64 = 0, high: UInt64 = 0, count = 0
        for byte in text.utf8 {
            if count == Self.inlineCapacity {
                self.init(low: UInt64(GlyphTable.shared.index(of: text)), high: Self.interned << 56)
                return
            }
            if count < 8 { low |= UInt64(byte) << (8 * count) } else { high |= UInt64(byte) << (8 * (count - 8)) }
            count += 1
        }
        self.init(low: low, high: high | UInt64(count) << 56)
    }

    /// True for the empty glyph.
    public var isEmpty: Bool { high == 0 }

    /// The cluster as a string.
    public var string: String {
        let count = Int(high >> 56)
        if high >> 56 == Self.interned { return GlyphTable.shared.string(at: Int(low)) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.inlineCapacity) { buffer in
            for i in 0..<count {
                buffer[i] = UInt8(truncatingIfNeeded: i < 8 ? low >> (8 * i) : high >> (8 * (i - 8)))
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<count]), as: UTF8.self)
        }
    }

    /// The single ASCII byte this glyph holds, or nil.
    public var asciiValue: UInt8? {
        high == 1 << 56 && low < 0x80 ? UInt8(low) : nil
    }
}

/// Clusters too long to sit inline in a `Glyph`, each stored once for the life of the process.
///
/// Such clusters are rare (long emoji sequences, stacked combining marks), so the table
/// stays small; past a generous limit further newcomers all share one entry, U+FFFD.
final class GlyphTable: @unchecked Sendable {
    static let shared = GlyphTable()
    private static let limit = 1 << 16

    private let lock = NSLock()
    private var strings: [String] = ["\u{FFFD}"]
    private var indices: [String: Int] = ["\u{FFFD}": 0]

    func index(of text: String) -> Int {
        lock.withLock {
            if let known = indices[text] { return known }
            guard strings.count < Self.limit else { return 0 }
            strings.append(text)
            indices[text] = strings.count - 1
            return strings.count - 1
        }
    }

    func string(at index: Int) -> String {
        lock.withLock { strings.indices.contains(index) ? strings[index] : "\u{FFFD}" }
    }
}
