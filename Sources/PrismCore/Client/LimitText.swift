import Foundation

/// How limits and timeouts read in error messages: "16 MiB", "300 s", "0.5 s".
///
/// The messages name the limit that was hit so the user can tell a hostile server from
/// a setting that is too tight; these keep the numbers short and exact.
enum LimitText {
    /// Bytes as whole MiB or KiB when exact, else bytes.
    static func bytes(_ count: Int) -> String {
        if count >= 1 << 20, count % (1 << 20) == 0 { return "\(count >> 20) MiB" }
        if count >= 1 << 10, count % (1 << 10) == 0 { return "\(count >> 10) KiB" }
        return "\(count) bytes"
    }

    /// Seconds without a trailing ".0".
    static func seconds(_ value: TimeInterval) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded)) s" : "\(rounded) s"
    }
}
