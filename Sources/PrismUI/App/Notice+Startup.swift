import Foundation
import PrismCore

extension Notice {
    /// What the first frame says about problems found before the screen opened, or nil.
    ///
    /// Config warnings (unknown keys, bad values, key bindings that did not parse) are
    /// printed to stderr too, but the screen covers them until quitting; the notice names
    /// how many there are and the first, so a typo in `config.toml` is seen at once.
    /// State files that were damaged and moved aside follow in the same notice.
    public static func startup(configWarnings: [String], stateWarnings: [String], now: Date) -> Notice? {
        var parts: [String] = []
        if let first = configWarnings.first {
            let count = configWarnings.count
            let more = count == 1 ? "config warning: " : "\(count) config warnings (all shown after quitting), first: "
            parts.append(more + first)
        }
        parts += stateWarnings
        guard !parts.isEmpty else { return nil }
        return Notice(TerminalSanitizer.metadata(parts.joined(separator: "; ")), kind: .error, expires: now.addingTimeInterval(12))
    }
}
