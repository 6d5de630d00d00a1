import Foundation

/// The one JSON configuration for session files (and the session index).
///
/// Every reader and writer of session files goes through here so the format cannot
/// drift: ISO-8601 UTC dates with exactly three fractional digits, sorted keys so
/// the same session always produces the same bytes (Swift randomises dictionary
/// order per process), and non-finite numbers written as strings so a `NaN` speed
/// can never make a save fail.
public enum SessionCodec {
    /// What reading one session file produced.
    enum Outcome {
        case session(Session)
        /// Valid for a newer Prism: leave the file alone.
        case newer(version: Int)
        /// Not a session file this or any Prism can read; the reason is one line.
        case corrupt(reason: String)
    }

    private static let nonFinite = (positive: "Infinity", negative: "-Infinity", nan: "NaN")

    /// An encoder for session files; `pretty` adds indentation (used for sessions, not the index).
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(encodeDate(date))
        }
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return encoder
    }

    /// A decoder that reads what `encoder()` writes, plus ISO-8601 dates with offsets or other precisions.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = decodeDate(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO-8601 date: \(text)")
            }
            return date
        }
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: nonFinite.positive, negativeInfinity: nonFinite.negative, nan: nonFinite.nan)
        return decoder
    }

    /// The bytes of a session file, always stamped with the current `Session.formatVersion`.
    public static func encode(_ session: Session) throws -> Data {
        var session = session
        session.version = Session.formatVersion
        return try encoder().encode(session)
    }

    /// Reads a session file and repairs what a crash can leave behind (see `Session.repairedAfterLoad`).
    ///
    /// Throws `SessionStoreError.newerVersion` or `.corrupt` (with no `movedTo`); use a
    /// store to also quarantine damaged files.
    public static func decode(_ data: Data, fileName: String = "session") throws -> Session {
        switch read(data) {
        case .session(let session): return session
        case .newer(let version): throw SessionStoreError.newerVersion(file: fileName, version: version)
        case .corrupt(let reason): throw SessionStoreError.corrupt(file: fileName, reason: reason, movedTo: nil)
        }
    }

    /// Decodes without throwing, telling a damaged file from one written by a newer Prism.
    static func read(_ data: Data, repair: Bool = true) -> Outcome {
        let decoder = decoder()
        do {
            let session = try decoder.decode(Session.self, from: data)
            if session.version > Session.formatVersion { return .newer(version: session.version) }
            return .session(repair ? session.repairedAfterLoad() : session)
        } catch {
            // A newer format may have changed required fields; its version still says so.
            if let probe = try? decoder.decode(VersionProbe.self, from: data), probe.version > Session.formatVersion {
                return .newer(version: probe.version)
            }
            return .corrupt(reason: describe(error))
        }
    }

    static func encodeDate(_ date: Date) -> String {
        if let stamp = UTCTimestamp(date) { return stamp.iso8601 }
        // Outside years 0...9999: rare enough for the slow path.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func decodeDate(_ text: String) -> Date? {
        if let stamp = UTCTimestamp.parse(text) { return stamp.date }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// One line saying what is wrong with a file, without Foundation's multi-line dumps.
    static func describe(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        let text: String
        switch error as? DecodingError {
        case .dataCorrupted(let context)?:
            text = context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context)): \(context.debugDescription)"
        case .keyNotFound(let key, let context)?:
            text = "missing field \"\(key.stringValue)\"" + (context.codingPath.isEmpty ? "" : " in \(path(context))")
        case .typeMismatch(let type, let context)?:
            text = "wrong type at \(path(context)) (expected \(type))"
        case .valueNotFound(let type, let context)?:
            text = "missing value at \(path(context)) (expected \(type))"
        default:
            text = String(describing: error)
        }
        return SessionStoreError.oneLine(text)
    }

    private struct VersionProbe: Decodable {
        var version: Int
    }
}

extension Session {
    /// The message shown for a reply that was still streaming when Prism stopped.
    public static let interruptedMessage = "interrupted: Prism stopped before the reply finished"

    /// This session with crash leftovers fixed: a reply saved mid-stream reads as a truncated failure.
    ///
    /// Nothing loaded from disk is shown as still streaming unless its journal says some
    /// Prism process is still writing it (`live`).
    func repairedAfterLoad(keeping live: Set<String> = []) -> Session {
        guard messages.contains(where: { $0.status == .streaming && !live.contains($0.id) }) else { return self }
        var copy = self
        for i in copy.messages.indices where copy.messages[i].status == .streaming && !live.contains(copy.messages[i].id) {
            copy.messages[i].status = .failed
            if copy.messages[i].failure == nil {
                copy.messages[i].failure = ReplyFailure(kind: .truncated, message: Session.interruptedMessage)
            }
        }
        return copy
    }
}
