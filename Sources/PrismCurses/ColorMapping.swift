import PrismTerminal

/// Maps theme colours to curses colour numbers for what the terminal can show.
///
/// Kept in one file, with no curses calls, so it can be swapped for the shared
/// `Color.resolved(for:)` in PrismTerminal once that lands. Under 256 colours an RGB
/// colour becomes the nearest entry of the 6×6×6 cube or the grey ramp (never 0–15, whose
/// shades depend on the user's palette); under 16 or 8 colours, the nearest basic colour.
/// Under truecolor (a direct-colour terminfo entry), a colour number *is* the packed RGB.
enum ColorMapping {
    /// The curses colour number: -1 for the terminal's default colour.
    static func number(for color: Color, support: ColorSupport) -> Int32 {
        switch (color, support) {
        case (_, .none), (.default, _):
            return -1
        case (.ansi(let n), .ansi8):
            return Int32(n & 7)
        case (.ansi(let n), .ansi16), (.ansi(let n), .indexed256):
            return Int32(n & 15)
        case (.ansi(let n), .truecolor):
            return n < 8 ? Int32(n) : direct(palette16[Int(n & 15)])
        case (.indexed(let n), .indexed256):
            return Int32(n)
        case (.indexed(let n), .ansi16), (.indexed(let n), .ansi8):
            if n < 16 { return support == .ansi8 ? Int32(n & 7) : Int32(n) }
            return nearestBasic(rgb(ofIndex: n), count: support == .ansi8 ? 8 : 16)
        case (.indexed(let n), .truecolor):
            return n < 8 ? Int32(n) : direct(rgb(ofIndex: n))
        case (.rgb(let r, let g, let b), .truecolor):
            return direct((r, g, b))
        case (.rgb(let r, let g, let b), .indexed256):
            return Int32(nearest256((r, g, b)))
        case (.rgb(let r, let g, let b), .ansi16):
            return nearestBasic((r, g, b), count: 16)
        case (.rgb(let r, let g, let b), .ansi8):
            return nearestBasic((r, g, b), count: 8)
        }
    }

    typealias RGB = (UInt8, UInt8, UInt8)

    /// xterm's default values for the 16 basic colours.
    static let palette16: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    private static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm uses for an indexed colour.
    static func rgb(ofIndex n: UInt8) -> RGB {
        switch n {
        case 0..<16: return palette16[Int(n)]
        case 16..<232:
            let i = Int(n) - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[i / 6 % 6]), UInt8(cubeLevels[i % 6]))
        default:
            let v = UInt8(8 + 10 * (Int(n) - 232))
            return (v, v, v)
        }
    }

    /// The nearest of colours 16–255.
    static func nearest256(_ c: RGB) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            var best = 0
            for (i, l) in cubeLevels.enumerated() where abs(l - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let cube = UInt8(16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2))
        let average = (Int(c.0) + Int(c.1) + Int(c.2)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let grey = UInt8(232 + greyStep)
        return distance(rgb(ofIndex: grey), c) < distance(rgb(ofIndex: cube), c) ? grey : cube
    }

    private static func nearestBasic(_ c: RGB, count: Int) -> Int32 {
        var best = 0
        for i in 1..<count where distance(palette16[i], c) < distance(palette16[best], c) { best = i }
        return Int32(best)
    }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// A direct colour number. Direct-colour terminfo treats 0–7 as the basic colours,
    /// so near-black blues that would pack below 8 are nudged to 8 (an invisible change).
    private static func direct(_ c: RGB) -> Int32 {
        let packed = Int32(c.0) << 16 | Int32(c.1) << 8 | Int32(c.2)
        return packed < 8 ? 8 : packed
    }
}
