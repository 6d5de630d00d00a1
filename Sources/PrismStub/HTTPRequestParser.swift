import Foundation

/// Parses one HTTP/1.1 request head (request line and headers) from raw bytes.
///
/// Kept separate from the socket code so it is a pure function; the connection reads
/// until `headEnd` finds the blank line, then reads the body by Content-Length.
enum HTTPRequestParser {
    /// The request line and headers.
    struct Head: Equatable {
        var method: String
        var path: String
        var query: String?
        var version: String
        /// Lowercased names.
        var headers: [String: String]

        var contentLength: Int {
            headers["content-length"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        }

        var expectsContinue: Bool {
            headers["expect"]?.lowercased() == "100-continue"
        }

        var isChunked: Bool {
            headers["transfer-encoding"]?.lowercased().contains("chunked") ?? false
        }
    }

    enum ParseError: Error {
        case malformed(String)
    }

    /// The index just past the `\r\n\r\n` (or `\n\n`) ending the head, or nil if not there yet.
    static func headEnd(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") {
                if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") { return index + 2 }
                if index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "\r")
                    && bytes[index + 2] == UInt8(ascii: "\n") { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Parses the head bytes (everything before the body).
    static func parseHead(_ bytes: ArraySlice<UInt8>) throws(ParseError) -> Head {
        let text = String(decoding: bytes, as: UTF8.self)
        let lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            .filter { !$0.isEmpty }
        guard let requestLine = lines.first else { throw .malformed("empty request") }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { throw .malformed("bad request line: \(requestLine)") }
        let target = String(parts[1])
        var path = target
        var query: String?
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("bad header: \(line)") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
        }
        return Head(method: String(parts[0]), path: path, query: query, version: String(parts[2]), headers: headers)
    }
}
