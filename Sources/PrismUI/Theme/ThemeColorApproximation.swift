import Foundation
import PrismTerminal

/// Nearest-colour mapping for terminals with 256, 16 or 8 colours.
///
/// A stand-in kept to this one file until `Color.resolved(for:)` lands in PrismTerminal.
/// Plain RGB distance sends pastel theme colours to grey, so 16- and 8-colour mapping goes
/// by hue and lightness instead, and can check contrast against the xterm default palette.
enum ThemeColorApproximation {
    struct RGB: Sendable, Equatable {
        var r: Int, g: Int, b: Int
    }

    /// xterm's default values for the 16 ANSI colours, used to judge contrast.
    static let ansiPalette: [RGB] = [
        RGB(r: 0, g: 0, b: 0), RGB(r: 205, g: 0, b: 0), RGB(r: 0, g: 205, b: 0), RGB(r: 205, g: 205, b: 0),
        RGB(r: 0, g: 0, b: 238), RGB(r: 205, g: 0, b: 205), RGB(r: 0, g: 205, b: 205), RGB(r: 229, g: 229, b: 229),
        RGB(r: 127, g: 127, b: 127), RGB(r: 255, g: 0, b: 0), RGB(r: 0, g: 255, b: 0), RGB(r: 255, g: 255, b: 0),
        RGB(r: 92, g: 92, b: 255), RGB(r: 255, g: 0, b: 255), RGB(r: 0, g: 255, b: 255), RGB(r: 255, g: 255, b: 255),
    ]
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The RGB a colour shows as on an xterm-like terminal; nil for `default`, which we can't know.
    static func rgb(_ color: Color) -> RGB? {
        switch color {
        case .default: return nil
        case .ansi(let n): return ansiPalette[Int(n & 15)]
        case .indexed(let n): return rgb(index: Int(n))
        case .rgb(let r, let g, let b): return RGB(r: Int(r), g: Int(g), b: Int(b))
        }
    }

    static func rgb(index n: Int) -> RGB {
        if n < 16 { return ansiPalette[n] }
        if n >= 232 {
            let level = 8 + 10 * (n - 232)
            return RGB(r: level, g: level, b: level)
        }
        let i = n - 16
        return RGB(r: cubeLevels[i / 36], g: cubeLevels[i / 6 % 6], b: cubeLevels[i % 6])
    }

    /// The closest of the 240 fixed colours (16–255); 0–15 are left out because users recolour them.
    static func indexed256(_ c: RGB) -> UInt8 {
        func level(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) }! }
        let cube = 16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b)
        let average = (c.r + c.g + c.b) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        return distance(c, rgb(index: grey)) < distance(c, rgb(index: cube)) ? UInt8(grey) : UInt8(cube)
    }

    /// The nearest indexed colour that keeps at least `minimum` contrast against `background`.
    ///
    /// The nearest colour alone can lose a theme's contrast (a muted red on a dark grey
    /// turns into a darker red on a darker grey), so when it falls short the nearest colour
    /// that is readable wins instead.
    static func indexed256(_ c: RGB, readableOn background: RGB, minimum: Double) -> UInt8 {
        let nearest = indexed256(c)
        guard contrast(rgb(index: Int(nearest)), background) < minimum else { return nearest }
        let readable = (16...255).filter { contrast(rgb(index: $0), background) >= minimum }
        return readable.min { distance(c, rgb(index: $0)) < distance(c, rgb(index: $1)) }.map(UInt8.init) ?? nearest
    }

    /// The ANSI colour (0–15) of the same hue family and lightness; greys and near-black/white by lightness.
    static func ansi16(_ c: RGB) -> UInt8 {
        let high = max(c.r, c.g, c.b), low = min(c.r, c.g, c.b)
        let lightness = Double(high + low) / 510
        if isNeutral(c) {
            switch lightness {
            case ..<0.25: return 0
            case ..<0.55: return 8
            case ..<0.9: return 7
            default: return 15
            }
        }
        let hue = self.hue(c)
        let base: UInt8
        switch hue {
        case ..<20: base = 1
        case ..<75: base = 3
        case ..<165: base = 2
        case ..<200: base = 6
        case ..<260: base = 4
        case ..<330: base = 5
        default: base = 1
        }
        return lightness > 0.6 ? base + 8 : base
    }

    /// Whether a colour reads as grey, black or white rather than as a hue.
    static func isNeutral(_ c: RGB) -> Bool {
        let high = max(c.r, c.g, c.b), low = min(c.r, c.g, c.b)
        let lightness = Double(high + low) / 510
        let saturation = high == 0 ? 0 : Double(high - low) / Double(high)
        return high - low < 24 || saturation < 0.25 || lightness < 0.16 || lightness > 0.92
    }

    static func hue(_ c: RGB) -> Double {
        let high = max(c.r, c.g, c.b), low = min(c.r, c.g, c.b)
        guard high > low else { return 0 }
        let span = Double(high - low)
        var h: Double
        if high == c.r { h = Double(c.g - c.b) / span } else if high == c.g { h = 2 + Double(c.b - c.r) / span } else { h = 4 + Double(c.r - c.g) / span }
        h *= 60
        return h < 0 ? h + 360 : h
    }

    /// Weighted ("redmean") distance squared, closer to what the eye sees than plain RGB.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let mean = (a.r + b.r) / 2
        let dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b
        return ((512 + mean) * dr * dr >> 8) + 4 * dg * dg + ((767 - mean) * db * db >> 8)
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    static func luminance(_ c: RGB) -> Double {
        func channel(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
    }

    /// WCAG contrast ratio, 1 (none) to 21 (black on white).
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        let la = luminance(a), lb = luminance(b)
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
