import Foundation

/// One source a web-searching reply cites (`annotations[]` of type `url_citation`).
///
/// Kept as the server sent it: every front end cleans the title and URL where they meet a
/// screen (`displayTitle`, `safeURL`), because both come from arbitrary web pages.
public struct Citation: Codable, Sendable, Equatable, Hashable {
    public var url: String
    public var title: String?
    /// The cited passage, when the search engine gave one.
    public var content: String?
    /// Where in the reply's text the citation applies (UTF-16 offsets per OpenAI; not relied on).
    public var startIndex: Int?
    public var endIndex: Int?

    public init(url: String, title: String? = nil, content: String? = nil, startIndex: Int? = nil, endIndex: Int? = nil) {
        self.url = url
        self.title = title
        self.content = content
        self.startIndex = startIndex
        self.endIndex = endIndex
    }

    /// `earlier` then the sources of `later` it lacks (by URL); nil when both are empty.
    public static func union(_ earlier: [Citation]?, _ later: [Citation]) -> [Citation]? {
        var all = earlier ?? []
        for citation in later where !all.contains(where: { $0.url == citation.url }) { all.append(citation) }
        return all.isEmpty ? nil : all
    }

    enum CodingKeys: String, CodingKey {
        case url, title, content, startIndex = "start_index", endIndex = "end_index"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        url = c.lenient(String.self, .url) ?? ""
        title = c.lenient(String.self, .title)
        content = c.lenient(String.self, .content)
        startIndex = c.lenient(Int.self, .startIndex)
        endIndex = c.lenient(Int.self, .endIndex)
    }
}

/// The `annotations` array of a message or delta, decoded leniently: `url_citation` entries
/// with a URL become citations; anything else (other types, missing URLs, wrong shapes) is
/// skipped and counted, never failing the chunk.
public struct AnnotationList: Decodable, Sendable {
    public var citations: [Citation] = []
    public var skipped = 0

    public init() {}

    private struct Entry: Decodable {
        var type: String?
        var citation: Citation?
        enum CodingKeys: String, CodingKey { case type, citation = "url_citation" }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = c.lenient(String.self, .type)
            citation = c.lenient(Citation.self, .citation)
        }
    }

    private struct Skip: Decodable {}

    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        while !c.isAtEnd {
            guard let entry = try? c.decode(Entry.self) else {
                // Not an object: a failed decode does not advance, so step over it as any value.
                skipped += 1
                if (try? c.decode(JSONValue.self)) == nil { break }
                continue
            }
            if entry.type == "url_citation", let citation = entry.citation, !citation.url.isEmpty {
                citations.append(citation)
            } else {
                skipped += 1
            }
        }
    }

    /// Decodes raw JSON bytes of the array; a value that is not an array gives nothing.
    public static func decode(_ raw: Data) -> AnnotationList {
        (try? JSONDecoder().decode(AnnotationList.self, from: raw)) ?? AnnotationList()
    }
}
