/// What the highlighter needs to know about one language: keywords, comments, strings.
///
/// A table instead of a grammar: replies show short snippets, and keywords, strings,
/// comments, numbers and type names in colour are most of the readability win.
struct SyntaxLanguage: Sendable {
    enum Mode: Sendable { case code, diff, markup }

    var mode: Mode = .code
    var keywords: Set<String> = []
    var lineComments: [String] = []
    var blockComment: (open: String, close: String)?
    /// Quote characters of single-line strings.
    var quotes: [Character] = ["\"", "'"]
    /// Delimiters of strings that may span lines (longest first).
    var multilineStrings: [String] = []
    var caseInsensitive = false
    /// Capitalised identifiers are shown as types.
    var capitalisedTypes = true
    /// `#` starts a comment only at a word start (shells, YAML).
    var hashNeedsSpace = false
    /// `$name` and `${…}` are variables (shells).
    var dollarVariables = false
    /// `#include` and friends (C family).
    var preprocessor = false
    /// `'a'` is a char literal but `'a` is a lifetime (Rust).
    var charLiterals = false
    /// A string followed by `:` is a key (JSON); a `key:` at a line start is a key (YAML).
    var stringKeys = false
    var yamlKeys = false

    private static func words(_ s: String) -> Set<String> { Set(s.split(separator: " ").map(String.init)) }

    private static let cFamily = words("""
        auto break case char const continue default do double else enum extern float for goto if inline int long \
        register return short signed sizeof static struct switch typedef union unsigned void volatile while bool true \
        false NULL nullptr class namespace template typename public private protected virtual override new delete \
        this using try catch throw operator friend constexpr noexcept static_cast const_cast reinterpret_cast \
        dynamic_cast std size_t
        """)

    /// The language for a fence's info string (`swift`, `ts`, `sh`, …), or nil to show plain code.
    static func named(_ info: String) -> SyntaxLanguage? {
        let name = info.split(whereSeparator: { $0 == " " || $0 == "{" || $0 == "}" || $0 == "," }).first
            .map { $0.drop(while: { $0 == "." }).lowercased() } ?? ""
        var l = SyntaxLanguage()
        switch name {
        case "swift":
            l.keywords = words("""
                actor any as associatedtype async await break case catch class continue default defer deinit do \
                else enum extension fallthrough false fileprivate final for func guard if import in indirect init \
                inout internal is lazy let mutating nil nonisolated open operator override private protocol public \
                repeat rethrows return self Self some static struct subscript super switch throw throws true try \
                typealias var weak where while sending consuming borrowing
                """)
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.multilineStrings = ["\"\"\""]; l.quotes = ["\""]
        case "python", "py", "python3":
            l.keywords = words("""
                False None True and as assert async await break class continue def del elif else except finally for \
                from global if import in is lambda nonlocal not or pass raise return try while with yield match case self
                """)
            l.lineComments = ["#"]; l.multilineStrings = ["\"\"\"", "'''"]
        case "javascript", "js", "jsx", "mjs", "cjs", "typescript", "ts", "tsx":
            l.keywords = words("""
                async await break case catch class const continue debugger default delete do else export extends \
                false finally for from function if import in instanceof let new null of return static super switch \
                this throw true try typeof undefined var void while with yield interface type enum implements \
                private public protected readonly as any number string boolean unknown never declare namespace abstract
                """)
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.multilineStrings = ["`"]
        case "json", "jsonc", "json5":
            l.keywords = words("true false null"); l.lineComments = ["//"]; l.quotes = ["\""]
            l.capitalisedTypes = false; l.stringKeys = true
        case "bash", "sh", "shell", "zsh", "console", "shellsession", "fish", "ksh":
            l.keywords = words("""
                if then else elif fi for while until do done case esac in function return local export readonly \
                declare unset shift exit break continue source alias echo cd set trap eval exec sudo
                """)
            l.lineComments = ["#"]; l.hashNeedsSpace = true; l.dollarVariables = true; l.capitalisedTypes = false
        case "rust", "rs":
            l.keywords = words("""
                as async await break const continue crate dyn else enum extern false fn for if impl in let loop match \
                mod move mut pub ref return self Self static struct super trait true type unsafe use where while \
                Some None Ok Err
                """)
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.quotes = ["\""]; l.charLiterals = true
        case "go", "golang":
            l.keywords = words("""
                break case chan const continue default defer else fallthrough for func go goto if import interface \
                map package range return select struct switch type var true false nil iota
                """)
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.multilineStrings = ["`"]
        case "c", "h", "cpp", "c++", "cc", "cxx", "hpp", "hh", "objc", "objective-c", "cs", "csharp", "c#":
            l.keywords = cFamily
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.preprocessor = true
        case "java", "kotlin", "kt", "kts", "scala":
            l.keywords = words("""
                abstract assert boolean break byte case catch char class const continue default do double else enum \
                extends final finally float for goto if implements import instanceof int interface long native new \
                package private protected public return short static super switch synchronized this throw throws \
                transient try void volatile while true false null fun val var when is in object companion data sealed \
                open override internal lateinit suspend typealias
                """)
            l.lineComments = ["//"]; l.blockComment = ("/*", "*/"); l.multilineStrings = ["\"\"\""]
        case "ruby", "rb":
            l.keywords = words("""
                alias and begin break case class def defined? do else elsif end ensure false for if in module next nil \
                not or redo rescue retry return self super then true undef unless until when while yield require attr_accessor
                """)
            l.lineComments = ["#"]
        case "sql", "mysql", "postgres", "postgresql", "sqlite", "psql":
            l.keywords = words("""
                select from where and or not insert into values update set delete create table drop alter add index \
                primary key foreign references join left right inner outer full on as group by order having limit \
                offset distinct union all null is in like between case when then else end exists default unique \
                count sum avg min max asc desc view with returning integer int text varchar boolean true false
                """)
            l.lineComments = ["--"]; l.blockComment = ("/*", "*/"); l.quotes = ["'", "\""]
            l.caseInsensitive = true; l.capitalisedTypes = false
        case "yaml", "yml":
            l.keywords = words("true false null yes no on off ~")
            l.lineComments = ["#"]; l.hashNeedsSpace = true; l.capitalisedTypes = false; l.yamlKeys = true
        case "html", "htm", "xml", "svg", "xhtml", "plist", "vue":
            l.mode = .markup; l.blockComment = ("<!--", "-->"); l.capitalisedTypes = false
        case "diff", "patch", "udiff":
            l.mode = .diff
        default:
            return nil
        }
        return l
    }
}
