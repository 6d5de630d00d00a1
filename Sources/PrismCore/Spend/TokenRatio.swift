import Foundation

/// How many characters (UTF-8 bytes) of text make one token, for estimating text no
/// server has counted yet.
///
/// A session's own replies say best (their characters over their completion tokens);
/// before there is one, a default per model family. The defaults are our rough figures
/// for English prose and code, on the low side so an estimate errs towards more tokens.
public enum TokenRatio {
    /// Defaults by vendor prefix of the model id.
    public static let familyDefaults: [(prefix: String, bytesPerToken: Double)] = [
        ("openai/", 4.0),
        ("google/", 4.0),
        ("anthropic/", 3.5),
        ("meta-llama/", 3.8),
        ("deepseek/", 3.8),
        ("qwen/", 3.8),
        ("mistralai/", 3.5),
        ("x-ai/", 3.8),
    ]
    /// Any other model.
    public static let fallback = 3.5
    /// Calibration needs at least this many completion tokens to be trusted over the default.
    public static let minimumCalibrationTokens = 50
    /// A calibrated ratio is kept within these bounds (a reply of emoji or of base64 says little about the next).
    public static let bounds = 1.0...8.0

    /// The default ratio for a model id.
    public static func familyDefault(for model: String) -> Double {
        for entry in familyDefaults where model.hasPrefix(entry.prefix) { return entry.bytesPerToken }
        return fallback
    }
}
