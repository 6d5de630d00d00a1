import Foundation

extension Citation {
    /// The URL when it is safe to show or link: `http`/`https` with a host, nothing outside
    /// printable ASCII (anything else is percent-encoded; a control character or space
    /// rejects it), so it can never end an escape sequence it is put in. Nil otherwise.
    public var safeURL: String? {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F || (0x80...0x9F).contains($0.value) })
        else { return nil }
        // Non-ASCII (an international path) is percent-encoded; ASCII is kept as it is.
        var allowed = CharacterSet(charactersIn: Unicode.Scalar(0x21)!...Unicode.Scalar(0x7E)!)
        allowed.remove(charactersIn: "\\^`{|}<>\"")
        guard let encoded = trimmed.addingPercentEncoding(withAllowedCharacters: allowed),
              let parsed = URL(string: encoded), let scheme = parsed.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty else { return nil }
        return encoded
    }

    /// `host/path` for reading: no scheme, no query, a trailing slash dropped, one clean line.
    public var shortURL: String {
        guard let safe = safeURL, let parsed = URL(string: safe), let host = parsed.host else {
            return TerminalSanitizer.metadata(url)
        }
        var path = parsed.path
        if path == "/" { path = "" }
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        return TerminalSanitizer.metadata(bare + path)
    }

    /// The title as one clean line (titles come from web pages and may carry escapes);
    /// the short URL when there is no title.
    public var displayTitle: String {
        let title = TerminalSanitizer.metadata(title ?? "").trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? shortURL : title
    }

    /// `[1] Title — host/path`, numbered from 1 in the reply's order; the title alone when
    /// the URL is not one to follow (not http(s), or malformed).
    public func referenceLine(number: Int) -> String {
        let title = displayTitle
        guard safeURL != nil else { return "[\(number)] \(title)" }
        return title == shortURL ? "[\(number)] \(title)" : "[\(number)] \(title) — \(shortURL)"
    }

    /// An OSC 8 hyperlink around `text` to the safe URL; the text alone when there is none.
    public func hyperlink(_ text: String) -> String {
        guard let target = safeURL else { return text }
        return "\u{1B}]8;;\(target)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\"
    }

    /// `[Title](url)` for Markdown, brackets in the title escaped; plain text without a safe URL.
    public var markdownLink: String {
        let title = TerminalSanitizer.forExport(displayTitle)
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
        guard let target = safeURL else { return title }
        let escaped = target.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
        return "[\(title)](\(escaped))"
    }
}

extension Array where Element == Citation {
    /// A reply's sources for a terminal or a pipe, after the reply: `Sources:` then one
    /// `[n] Title — host/path` line each. With `links` the short URL is an OSC 8 hyperlink to
    /// the whole URL; without, the whole URL follows on its own line. Empty without citations.
    public func referenceList(links: Bool) -> String {
        guard !isEmpty else { return "" }
        var out = "\nSources:\n"
        for (i, c) in enumerated() {
            let line = c.referenceLine(number: i + 1)
            guard let url = c.safeURL else { out += line + "\n"; continue }
            if links, line.hasSuffix(c.shortURL) {
                out += String(line.dropLast(c.shortURL.count)) + c.hyperlink(c.shortURL) + "\n"
            } else {
                out += line + "\n    " + url + "\n"
            }
        }
        return out
    }
}
