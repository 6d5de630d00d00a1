/// Colours reduced to what a terminal can show.
///
/// Themes are written in RGB; a terminal with 256, 16 or 8 colours gets the nearest
/// colour it has (by squared distance in RGB over xterm's default palette), and one
/// with no colour gets none, so the backend only ever maps, never guesses.
extension Color {
    /// This colour as the terminal can show it; nil means "set no colour" (`.none`).
    public func resolved(for support: ColorSupport) -> Color? {
        switch support {
        case .none:
            return nil
        case .truecolor:
            return self
        case .indexed256:
            switch self {
            case .default, .ansi, .indexed: return self
            case .rgb(let r, let g, let b): return .indexed(Self.nearest256(r, g, b))
            }
        case .ansi16, .ansi8:
            let count = support == .ansi16 ? 16 : 8
            switch self {
            case .default:
                return self
            case .ansi(let n) where n < 16, .indexed(let n) where n < 16:
                // Bright colours fall back to their normal counterparts on 8-colour terminals.
                return .ansi(count == 16 ? n : n % 8)
            case .ansi(let n), .indexed(let n):
                let (r, g, b) = Self.xtermRGB(n)
                return .ansi(Self.nearest(r, g, b, among: 0..<count))
            case .rgb(let r, let g, let b):
                return .ansi(Self.nearest(r, g, b, among: 0..<count))
            }
        }
    }

    /// The RGB value xterm shows for a palette index by default.
    ///
    /// 0–15 are the basic colours, 16–231 the 6×6×6 cube, 232–255 the grey ramp.
    public static func xtermRGB(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            return basic[Int(index)]
        case 16..<232:
            let i = Int(index) - 16
            return (cubeLevels[i / 36], cubeLevels[(i / 6) % 6], cubeLevels[i % 6])
        default:
            let v = UInt8(8 + 10 * (Int(index) - 232))
            return (v, v, v)
        }
    }

    /// The nearest index among the cube and the grey ramp (16–255).
    ///
    /// 0–15 are left out on purpose: users theme them, so their RGB is unknown.
    static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        func level(_ v: UInt8) -> Int {
            // The cube level nearest to v: 0, 95, 135, 175, 215, 255.
            v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40
        }
        let cube = UInt8(16 + 36 * level(r) + 6 * level(g) + level(b))
        let grey = nearest(r, g, b, among: 232..<256)
        return distance(xtermRGB(grey), (r, g, b)) < distance(xtermRGB(cube), (r, g, b)) ? grey : cube
    }

    /// The nearest palette index in `range` by squared RGB distance (first wins ties).
    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among range: Range<Int>) -> UInt8 {
        var best = range.lowerBound, bestDistance = Int.max
        for i in range {
            let d = distance(xtermRGB(UInt8(i)), (r, g, b))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let dr = Int(a.0) - Int(b.0), dg = Int(a.1) - Int(b.1), db = Int(a.2) - Int(b.2)
        return dr * dr + dg * dg + db * db
    }

    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    private static let basic: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
