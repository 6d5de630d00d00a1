/// How many terminal cells a grapheme cluster takes.
///
/// Layout, wrapping and drawing all ask this one place, so they always agree. The
/// policy, per grapheme cluster (what `Character` is):
/// - a single ASCII scalar is 1 (control characters too: `Frame` shows them as `�`);
/// - a cluster that starts with a zero-width scalar (a lone combining mark, ZWJ,
///   ZWSP, a variation selector, other format characters) is 0: drawn, it joins the
///   cell before it;
/// - otherwise it is as wide as its first scalar (2 for East Asian wide and
///   fullwidth characters and for emoji with emoji presentation, else 1), so skin
///   tones (👍🏽), ZWJ sequences (👩‍💻) and flags (🇳🇴) count 2 — what terminals that
///   join them draw; glibc's `wcwidth` would say 4 for the first two;
/// - U+FE0F (emoji presentation) after an emoji makes the cluster 2 (❤️, 1️⃣), while
///   ❤ alone stays 1;
/// - each spacing mark after the first scalar (Thai ำ, Devanagari ि) adds 1, because
///   terminals that place scalars by `wcwidth` give them a cell of their own; combining
///   marks that do not space (é as e + U+0301, Thai ี) add nothing.
public enum DisplayWidth {
    /// The width of one grapheme cluster: 0, 1 or 2 (more only with spacing marks).
    public static func of(_ grapheme: Character) -> Int {
        if grapheme.asciiValue != nil { return 1 }
        var scalars = grapheme.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        var width = scalarWidth(first)
        if width == 0 { return 0 }
        while let s = scalars.next() {
            let v = s.value
            if v == 0xFE0F {
                if width < 2, first.properties.isEmoji { width = 2 }
            } else if v >= 0x900, isSpacingMark(s) {
                width += 1
            }
        }
        return width
    }

    /// The width of a string: the sum of its grapheme clusters' widths.
    ///
    /// All-ASCII text (the common case) is measured from its UTF-8 bytes without
    /// building a single `Character`.
    public static func of(_ text: String) -> Int {
        if let ascii = asciiWidth(text) { return ascii }
        var total = 0
        for g in text { total += of(g) }
        return total
    }

    /// The width of ASCII-only text, or nil when there is a byte above 0x7F.
    ///
    /// Every ASCII scalar is its own cluster except CR LF, which counts once.
    static func asciiWidth(_ text: String) -> Int? {
        if let fast = text.utf8.withContiguousStorageIfAvailable({ asciiWidth(bytes: $0) }) { return fast }
        var width = 0
        var previous: UInt8 = 0
        for b in text.utf8 {
            if b >= 0x80 { return nil }
            if !(b == 0x0A && previous == 0x0D) { width += 1 }
            previous = b
        }
        return width
    }

    private static func asciiWidth(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var width = bytes.count
        var previous: UInt8 = 0
        for b in bytes {
            if b >= 0x80 { return nil }
            if b == 0x0A, previous == 0x0D { width -= 1 }
            previous = b
        }
        return width
    }

    /// The width of a scalar that is always a grapheme cluster of its own in text made
    /// only of such scalars, or 0 when it is not one of them.
    ///
    /// Covers printable ASCII and Latin-1 through Latin Extended, Greek and Cyrillic
    /// letters, punctuation, arrows, box drawing, braille, CJK ideographs, kana and
    /// Hangul syllables: none of these extend or join a neighbour from this set, and none
    /// has emoji presentation, so text made only of them can be drawn scalar by scalar
    /// without grapheme breaking or property lookups.
    @inline(__always)
    public static func simpleWidth(_ v: UInt32) -> Int {
        switch v {
        case 0x20...0x7E, 0xA0...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x1E00...0x1EFF, 0x2010...0x2027,
             0x2030...0x205E, 0x2190...0x2193, 0x2500...0x25FC, 0x2800...0x28FF:
            return 1
        case 0x3041...0x3096, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF60:
            return 2
        default:
            return 0
        }
    }

    /// Width of a single scalar: 0 for combining and format characters, 2 for East Asian
    /// wide/fullwidth and emoji-presentation characters, 1 otherwise.
    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        if v >= 0x2300, s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    /// Combining marks that take no cell, joiners, variation selectors and format characters.
    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
             0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E, 0x1160...0x11FF,
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064,
             0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF, 0xE0100...0xE01EF, 0xE0000...0xE007F:
            return true
        case 0x0000...0x02FF, 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF:
            return false
        default:
            guard let props = Unicode.Scalar(v)?.properties else { return false }
            switch props.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: return true
            default: return false
            }
        }
    }

    /// A mark that takes a cell of its own after its base (general category Mc, and the
    /// Thai and Lao AM vowels, which `wcwidth` also counts 1).
    static func isSpacingMark(_ s: Unicode.Scalar) -> Bool {
        if s.value == 0x0E33 || s.value == 0x0EB3 { return true }
        return s.properties.generalCategory == .spacingMark
    }

    /// East Asian wide and fullwidth ranges (emoji are decided by their properties).
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2329...0x232A,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F200...0x1F202, 0x1F210...0x1F23B, 0x1F240...0x1F248, 0x1F250...0x1F251,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
