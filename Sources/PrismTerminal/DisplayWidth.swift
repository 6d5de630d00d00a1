/// How many terminal cells a grapheme cluster takes.
///
/// Policy (the same for layout and drawing, so they always agree): a cluster is as
/// wide as its first scalar, except that an emoji presentation (U+FE0F, or an emoji
/// that defaults to emoji presentation) makes it 2, and zero-width scalars
/// (combining marks, ZWJ, variation selectors) add nothing. A ZWJ sequence such as
/// 👩‍💻 therefore counts as 2, which is what modern terminals draw.
public enum DisplayWidth {
    public static func of(_ grapheme: Character) -> Int {
        let scalars = grapheme.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.isASCII {
            let v = first.value
            return (v < 0x20 || v == 0x7F) ? 1 : 1
        }
        var width = scalarWidth(first)
        if width < 2, scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }) { width = 2 }
        if width == 0, scalars.count > 1 {
            // A cluster starting with a combining mark still takes a cell when shown alone.
            width = 1
        }
        return width
    }

    public static func of(_ text: String) -> Int {
        var total = 0
        for g in text { total += of(g) }
        return total
    }

    /// Width of a single scalar: 0 for combining and format characters, 2 for East Asian
    /// wide/fullwidth and emoji-presentation characters, 1 otherwise.
    public static func scalarWidth(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) || s.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        switch v {
        case 0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
             0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E,
             0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064,
             0x20D0...0x20FF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFEFF, 0xE0100...0xE01EF, 0xE0000...0xE007F:
            return true
        default:
            let props = Unicode.Scalar(v)?.properties
            if let cat = props?.generalCategory, cat == .nonspacingMark || cat == .enclosingMark || cat == .format {
                return true
            }
            return false
        }
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
