import Foundation

/// `[cache]`: whether Prism marks cache breakpoints (`cache_control`) itself, and from how
/// many estimated tokens a prefix is worth marking.
///
/// Only models whose providers need explicit breakpoints get them (`needsBreakpoints`);
/// OpenAI, DeepSeek, Grok and others cache on their own and are sent nothing extra.
public struct PromptCacheSettings: Sendable, Equatable, Hashable {
    public var auto: Bool
    /// Anthropic caches nothing shorter than 1024 tokens, so shorter prefixes are left alone.
    public var minTokens: Int

    public static let defaultMinTokens = 1024
    /// Anthropic accepts at most four breakpoints per request.
    public static let maxBreakpoints = 4

    public init(auto: Bool = true, minTokens: Int = PromptCacheSettings.defaultMinTokens) {
        self.auto = auto
        self.minTokens = minTokens
    }

    /// Anthropic's Claude and Google's Gemini models, which cache only where the request says.
    public static func needsBreakpoints(_ model: String) -> Bool {
        let id = model.lowercased()
        return id.hasPrefix("anthropic/") || id.hasPrefix("google/gemini")
    }
}
