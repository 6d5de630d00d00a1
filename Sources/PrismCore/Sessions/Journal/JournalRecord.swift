import Foundation

/// One line of a reply journal, and how lines are written and read back.
///
/// A journal is JSON Lines: a header naming the session and the messages the reply
/// hangs from, then one short line per streamed piece, then (when the reply ended
/// while Prism was alive) the finished message. Lines are small and independent, so a
/// process killed mid-write can at worst leave one torn last line, which readers skip.
/// Deltas are written by hand (no `JSONEncoder` per token); the rare header and end
/// lines go through the session codec so they read exactly like session files.
enum JournalRecord: Equatable {
    /// The session skeleton (metadata plus the prompt and the empty reply) and the reply's id.
    case header(session: Session, replyID: String)
    case content(String)
    case reasoning(String)
    case metadata(model: String?, provider: String?, generationID: String?)
    /// Every web source cited so far (`{"w":[…]}`).
    case citations([Citation])
    /// The usage report, which comes just before the end (`{"u":{…}}`).
    case usage(TokenUsage)
    /// The reply as it ended: its final, complete record.
    case end(Message)

    /// Format of journal files; a reader skips journals with a higher version.
    ///
    /// Lines added later (`w`, `u`) did not raise it: a reader that does not know a line
    /// skips it (it is not a header) and still recovers the text.
    static let version = 1

    /// The line for this record, ending in a newline.
    func line() throws -> Data {
        switch self {
        case .content(let text):
            return Self.stringLine(key: "c", text)
        case .reasoning(let text):
            return Self.stringLine(key: "r", text)
        case .header(let session, let replyID):
            return try Self.objectLine(Header(v: Self.version, session: session, reply: replyID))
        case .metadata(let model, let provider, let generationID):
            return try Self.objectLine(Meta(m: MetaFields(model: model, provider: provider, generationID: generationID)))
        case .citations(let citations):
            return try Self.objectLine(Sources(w: citations))
        case .usage(let usage):
            return try Self.objectLine(Usage(u: usage))
        case .end(let message):
            return try Self.objectLine(End(end: message))
        }
    }

    /// Reads one line; nil for a line this version does not understand or a torn line.
    static func parse(_ line: Data) -> JournalRecord? {
        let decoder = SessionCodec.decoder()
        // The key that opens the line says what it is; only that shape is decoded.
        if line.starts(with: Array("{\"c\":".utf8)) || line.starts(with: Array("{\"r\":".utf8)) {
            guard let delta = try? decoder.decode(Delta.self, from: line) else { return nil }
            if let c = delta.c { return .content(c) }
            return delta.r.map { .reasoning($0) }
        }
        if line.starts(with: Array("{\"m\":".utf8)) {
            guard let meta = try? decoder.decode(Meta.self, from: line) else { return nil }
            return .metadata(model: meta.m.model, provider: meta.m.provider, generationID: meta.m.generationID)
        }
        if line.starts(with: Array("{\"w\":".utf8)) {
            return (try? decoder.decode(Sources.self, from: line)).map { .citations($0.w.filter { !$0.url.isEmpty }) }
        }
        if line.starts(with: Array("{\"u\":".utf8)) {
            return (try? decoder.decode(Usage.self, from: line)).map { .usage($0.u) }
        }
        if line.starts(with: Array("{\"end\":".utf8)) {
            return (try? decoder.decode(End.self, from: line)).map { .end($0.end) }
        }
        guard let header = try? decoder.decode(Header.self, from: line), header.v <= version else { return nil }
        return .header(session: header.session, replyID: header.reply)
    }

    // MARK: - Shapes

    private struct Header: Codable {
        var v: Int
        var session: Session
        var reply: String
    }

    private struct Delta: Codable {
        var c: String?
        var r: String?
    }

    private struct MetaFields: Codable {
        var model: String?
        var provider: String?
        var generationID: String?

        enum CodingKeys: String, CodingKey {
            case model, provider, generationID = "generation_id"
        }
    }

    private struct Meta: Codable {
        var m: MetaFields
    }

    private struct Sources: Codable {
        var w: [Citation]
    }

    private struct Usage: Codable {
        var u: TokenUsage
    }

    private struct End: Codable {
        var end: Message
    }

    private static func objectLine<T: Encodable>(_ value: T) throws -> Data {
        var data = try SessionCodec.encoder(pretty: false).encode(value)
        data.append(0x0A)
        return data
    }

    /// `{"key":"…"}\n` with the text escaped as JSON requires.
    static func stringLine(key: String, _ text: String) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + key.utf8.count + 8)
        bytes.append(UInt8(ascii: "{"))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: key.utf8)
        bytes.append(contentsOf: "\":\"".utf8)
        appendEscaped(text, to: &bytes)
        bytes.append(contentsOf: "\"}\n".utf8)
        return Data(bytes)
    }

    /// Appends `text` as the inside of a JSON string: quotes, backslashes and control characters escaped.
    static func appendEscaped(_ text: String, to bytes: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
    }
}
