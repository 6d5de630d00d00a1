import PrismTerminal

/// Turning a truecolor theme into what the terminal can show.
///
/// Themes are written once, in full colour; this is where `NO_COLOR`, 8-, 16- and
/// 256-colour terminals are taken care of, so panes never check the colour support.
extension Theme {
    /// Attributes added when colours are dropped, so these tokens still stand out.
    public static let monochromeEmphasis: [ThemeToken: TextAttributes] = [
        .selection: .reverse, .statusBar: .reverse, .statusBarText: .reverse, .badge: .reverse,
        .demo: .reverse, .borderFocused: .bold, .error: .bold, .link: .underline, .heading: .bold,
    ]
    /// Tokens whose own background must stay visible against the theme's background.
    static let standOutTokens: [ThemeToken] = [.selection, .statusBar, .statusBarText, .badge, .demo]
    /// Contrast (WCAG ratio, xterm palette) below which an approximated colour is replaced.
    static let minimumContrast = 2.0

    /// This theme for a terminal with `support` colours.
    ///
    /// - `.truecolor`: unchanged.
    /// - `.indexed256`: RGB colours become the nearest of indexed colours 16–255.
    /// - `.ansi16`, `.ansi8`: the `[tokens_ansi]` styles replace their tokens; other colours map
    ///   to the nearest ANSI colour (0–15 or 0–7) that stays readable on its background.
    /// - `.none`: no colours at all; attributes stay, and `monochromeEmphasis` is added.
    public func adapted(to support: ColorSupport) -> Theme {
        var result = self
        switch support {
        case .truecolor:
            return self
        case .indexed256:
            let base = styles[.background]?.background ?? .default
            result.styles = styles.mapValues { Self.to256($0, base: base) }
            result.ansiStyles = ansiStyles.mapValues { Self.to256($0, base: base) }
        case .ansi16, .ansi8:
            result.styles = fewColors(limit: support == .ansi8 ? 8 : 16)
            result.ansiStyles = [:]
        case .none:
            var plain: [ThemeToken: Style] = [:]
            for (token, style) in styles.merging(ansiStyles, uniquingKeysWith: { $1 }) {
                plain[token] = Style(attributes: style.attributes.union(Self.monochromeEmphasis[token] ?? []))
            }
            result.styles = plain
            result.ansiStyles = [:]
        }
        return result
    }

    /// The style on 256 colours, its foreground kept about as readable as the theme made it.
    private static func to256(_ style: Style, base: Color) -> Style {
        func map(_ color: Color) -> Color {
            guard case .rgb = color, let rgb = ThemeColorApproximation.rgb(color) else { return color }
            return .indexed(ThemeColorApproximation.indexed256(rgb))
        }
        var result = Style(foreground: map(style.foreground), background: map(style.background), attributes: style.attributes)
        let shownOn = style.background == .default ? base : style.background
        if case .rgb = style.foreground, let fg = ThemeColorApproximation.rgb(style.foreground),
           let bg = ThemeColorApproximation.rgb(shownOn), let mappedBg = ThemeColorApproximation.rgb(map(shownOn)) {
            let wanted = min(ThemeColorApproximation.contrast(fg, bg), 4.5)
            result.foreground = .indexed(ThemeColorApproximation.indexed256(fg, readableOn: mappedBg, minimum: wanted))
        }
        return result
    }

    private func fewColors(limit: Int) -> [ThemeToken: Style] {
        let source = styles.merging(ansiStyles) { $1 }
        let baseBackground = Self.approximate(source[.background]?.background ?? .default, limit: limit).color
        var result: [ThemeToken: Style] = [:]
        for (token, style) in source {
            let background = Self.approximate(style.background, limit: limit).color
            let shownOn = background == .default ? baseBackground : background
            var adapted = Self.readable(style, on: shownOn, limit: limit)
            adapted.background = background
            let hadOwnBackground = style.background != .default && style.background != source[.background]?.background
            if Self.standOutTokens.contains(token), hadOwnBackground, background == baseBackground || background == .default {
                // The background it relied on is gone: swap colours, or reverse when we can't.
                if adapted.foreground == .default || baseBackground == .default {
                    adapted.attributes.insert(.reverse)
                } else {
                    adapted = Style(foreground: baseBackground, background: adapted.foreground, attributes: adapted.attributes)
                }
            }
            result[token] = adapted
        }
        return result
    }

    /// The style with its foreground approximated and, if it became unreadable on `background`, replaced.
    private static func readable(_ style: Style, on background: Color, limit: Int) -> Style {
        var result = style
        let (foreground, approximated) = approximate(style.foreground, limit: limit)
        result.foreground = foreground
        guard approximated, let fg = ThemeColorApproximation.rgb(foreground),
              let bg = ThemeColorApproximation.rgb(background),
              ThemeColorApproximation.contrast(fg, bg) < minimumContrast,
              case .ansi(let index) = foreground
        else { return result }
        var candidates: [UInt8] = limit == 16 ? [index ^ 8] : []
        // Black or white, whichever reads better on this background.
        let black = ThemeColorApproximation.contrast(ThemeColorApproximation.ansiPalette[0], bg)
        let white = ThemeColorApproximation.contrast(ThemeColorApproximation.ansiPalette[7], bg)
        candidates.append(black > white ? 0 : 7)
        let pick = candidates.first { ThemeColorApproximation.contrast(ThemeColorApproximation.ansiPalette[Int($0)], bg) >= minimumContrast }
            ?? candidates[candidates.count - 1]
        result.foreground = .ansi(pick)
        // A grey meant to recede would now look like ordinary text.
        if let original = ThemeColorApproximation.rgb(style.foreground), ThemeColorApproximation.isNeutral(original), pick == 0 || pick == 7 {
            result.attributes.insert(.dim)
        }
        return result
    }

    /// The nearest colour among the first `limit` ANSI colours, and whether it had to change.
    static func approximate(_ color: Color, limit: Int) -> (color: Color, approximated: Bool) {
        let index: UInt8
        switch color {
        case .default:
            return (color, false)
        case .ansi(let n) where Int(n) < limit, .indexed(let n) where Int(n) < limit:
            return (.ansi(n), false)
        case .ansi(let n):
            index = n
        case .indexed(let n) where n < 16:
            index = n
        case .indexed, .rgb:
            index = ThemeColorApproximation.ansi16(ThemeColorApproximation.rgb(color)!)
        }
        return (.ansi(Int(index) < limit ? index : index & 7), true)
    }
}
