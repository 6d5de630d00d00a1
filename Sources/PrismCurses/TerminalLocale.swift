#if canImport(Glibc)
import Glibc
#endif
import CNcursesw

/// Makes sure the process runs with a UTF-8 locale before curses starts.
///
/// Wide-character curses draws CJK and emoji only under a UTF-8 locale; many
/// machines (this one included) have only `C` and `C.UTF-8`, so when the
/// environment's locale is not UTF-8 we fall back to `C.UTF-8`.
enum TerminalLocale {
    /// Sets the locale from the environment, falling back to C.UTF-8; returns whether it is UTF-8.
    @discardableResult
    static func ensureUTF8() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8 { return true }
        setlocale(LC_ALL, "C.UTF-8")
        return isUTF8
    }

    static var isUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
