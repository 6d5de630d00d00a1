import Foundation

/// What a prompt is about, for ratings and statistics per kind of question: set by the user
/// (`/tag code`) or guessed by `PromptTag.classify`, whose rules are plain and listed here so
/// a user can see why a prompt got its tag (and correct it).
public enum PromptTag: String, CaseIterable, Codable, Sendable, Hashable {
    case code, math, writing, data, translation, chat

    /// Why `classify` chose a tag: the tag and the rule that decided, for the explanation.
    public struct Guess: Sendable, Equatable {
        public var tag: PromptTag
        public var reason: String

        public init(tag: PromptTag, reason: String) {
            self.tag = tag
            self.reason = reason
        }
    }

    /// The first rule that matches decides, in this order: translation, code, data, math,
    /// writing; anything else is chat.
    public static func classify(_ prompt: String) -> Guess {
        let text = prompt.lowercased()
        let words = Set(text.split { !$0.isLetter && !$0.isNumber && $0 != "+" && $0 != "#" }.map(String.init))
        func any(_ list: [String]) -> String? { list.first { words.contains($0) } }
        func phrase(_ list: [String]) -> String? { list.first { text.contains($0) } }

        if let p = phrase(["translate", "translation", "in french", "in german", "in spanish", "in japanese", "in chinese",
                           "in italian", "into english", "to english", "en français", "auf deutsch"]) {
            return Guess(tag: .translation, reason: "mentions \"\(p)\"")
        }
        if text.contains("```") { return Guess(tag: .code, reason: "has a code block") }
        if let p = phrase(["func ", "def ", "class ", "#include", "import ", "fn ", "=>", "();", "git ", "npm ", "stack trace",
                           "traceback", "segfault", "compile", "regex"]) {
            return Guess(tag: .code, reason: "has code (\"\(p.trimmingCharacters(in: .whitespaces))\")")
        }
        if let w = any(["code", "function", "bug", "debug", "swift", "python", "javascript", "typescript", "rust", "java",
                        "c++", "golang", "kotlin", "bash", "shell", "api", "refactor", "unittest", "compiler", "algorithm"]) {
            return Guess(tag: .code, reason: "mentions \"\(w)\"")
        }
        if let w = any(["csv", "json", "sql", "dataset", "spreadsheet", "excel", "pandas", "dataframe", "query", "table",
                        "yaml", "xml", "parse", "extract"]) {
            return Guess(tag: .data, reason: "mentions \"\(w)\"")
        }
        if let w = any(["prove", "proof", "equation", "integral", "derivative", "theorem", "calculate", "solve", "probability",
                        "matrix", "algebra", "geometry", "lemma", "sqrt"]) {
            return Guess(tag: .math, reason: "mentions \"\(w)\"")
        }
        if text.range(of: #"\d+\s*[\+\-\*/\^=]\s*\d+"#, options: .regularExpression) != nil {
            return Guess(tag: .math, reason: "has arithmetic")
        }
        if let w = any(["write", "essay", "story", "poem", "email", "letter", "rewrite", "rephrase", "proofread", "edit",
                        "blog", "article", "summary", "summarize", "summarise", "draft", "tone", "headline", "cover"]) {
            return Guess(tag: .writing, reason: "mentions \"\(w)\"")
        }
        return Guess(tag: .chat, reason: "no other rule matched")
    }

    /// A tag typed by the user (`/tag Code`), case-insensitive; nil when it is not one of ours.
    public init?(typed: String) {
        self.init(rawValue: typed.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
