import Foundation

/// Writes an HTTP/1.1 response on a `SocketIO`: the head, then a chunked body of SSE events.
///
/// Why chunked: it is how OpenRouter streams, and it lets the stub end a body cleanly
/// (terminator) or not at all (lost connection), which clients must tell apart.
struct SSEWriter {
    let io: SocketIO

    /// `Content-Type` of an SSE stream.
    static let eventStream = "text/event-stream"

    /// The standard reason phrase for `status`.
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 408: "Request Timeout"
        case 411: "Length Required"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: "Status \(status)"
        }
    }

    /// Writes the status line and headers; `chunked` adds `Transfer-Encoding: chunked`.
    func head(status: Int, contentType: String, chunked: Bool, contentLength: Int? = nil,
              extra: [String: String] = [:]) throws(SocketIO.Interruption) {
        var text = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        text += "Content-Type: \(contentType)\r\n"
        if chunked { text += "Transfer-Encoding: chunked\r\n" }
        if let contentLength { text += "Content-Length: \(contentLength)\r\n" }
        if contentType == Self.eventStream { text += "Cache-Control: no-cache\r\n" }
        text += "Connection: close\r\n"
        for (name, value) in extra.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        text += "\r\n"
        try io.write(text)
    }

    /// A complete non-chunked response with a `Content-Length`.
    func fixed(status: Int, contentType: String = "application/json", body: Data,
               extra: [String: String] = [:]) throws(SocketIO.Interruption) {
        try head(status: status, contentType: contentType, chunked: false, contentLength: body.count, extra: extra)
        try io.write(Array(body))
    }

    /// One HTTP chunk holding `bytes` (skipped when empty, since an empty chunk ends the body).
    func chunk(_ bytes: [UInt8]) throws(SocketIO.Interruption) {
        guard !bytes.isEmpty else { return }
        try io.write(Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8))
    }

    /// `data: <json>\n\n` as one chunk.
    func event(_ json: String) throws(SocketIO.Interruption) {
        try chunk(Array("data: \(json)\n\n".utf8))
    }

    /// `: <text>\n\n`, an SSE comment (OpenRouter's keep-alive).
    func comment(_ text: String = "OPENROUTER PROCESSING") throws(SocketIO.Interruption) {
        try chunk(Array(": \(text)\n\n".utf8))
    }

    /// `data: [DONE]\n\n`.
    func done() throws(SocketIO.Interruption) {
        try chunk(Array("data: [DONE]\n\n".utf8))
    }

    /// The zero-length chunk that ends a chunked body cleanly.
    func end() throws(SocketIO.Interruption) {
        try io.write("0\r\n\r\n")
    }
}
