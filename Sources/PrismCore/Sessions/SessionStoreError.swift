import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a session store operation failed, as one line a terminal can show as is.
///
/// Each case carries plain strings so it is `Sendable`, `Equatable` and easy to test;
/// `description` never spans lines because the CLI prints it after `error: `.
public enum SessionStoreError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// The id contains characters that cannot be a file name (only letters, digits, `-`, `_`, `.`).
    case invalidID(String)
    /// No session has this id (or id prefix).
    case notFound(String)
    /// More than one session id starts with what the user typed.
    case ambiguous(prefix: String, candidates: [String])
    /// Writing failed; the previous file, if any, is untouched.
    case saveFailed(id: String, reason: String)
    /// The file exists but could not be read (permissions, I/O error).
    case loadFailed(id: String, reason: String)
    case deleteFailed(id: String, reason: String)
    /// The sessions folder could not be read.
    case listFailed(reason: String)
    /// The file is not a readable session; `movedTo` is where it was quarantined, if it was.
    case corrupt(file: String, reason: String, movedTo: String?)
    /// The file was written by a newer Prism and is left alone.
    case newerVersion(file: String, version: Int)
    /// The session was deleted by another window or command since this one loaded or
    /// saved it; it is not written again unless the user asks to keep it.
    case deletedElsewhere(id: String)

    public var description: String {
        let text: String
        switch self {
        case .invalidID(let id):
            text = "invalid session id \"\(id)\": use only letters, digits, '-', '_' and '.'"
        case .notFound(let id):
            text = "no session matches \"\(id)\""
        case .ambiguous(let prefix, let candidates):
            let shown = candidates.prefix(8).joined(separator: ", ")
            let more = candidates.count > 8 ? " and \(candidates.count - 8) more" : ""
            text = "\"\(prefix)\" matches " + Formatting.count(candidates.count, "session") + " (\(shown)\(more)); type more of the id"
        case .saveFailed(let id, let reason):
            text = "could not save session \(id): \(reason)"
        case .loadFailed(let id, let reason):
            text = "could not read session \(id): \(reason)"
        case .deleteFailed(let id, let reason):
            text = "could not delete session \(id): \(reason)"
        case .listFailed(let reason):
            text = "could not list sessions: \(reason)"
        case .corrupt(let file, let reason, let movedTo):
            text = "session file \(file) is damaged (\(reason))" + (movedTo.map { "; moved to \($0)" } ?? "")
        case .newerVersion(let file, let version):
            text = "session file \(file) was written by a newer Prism (format \(version), "
                + "this one reads up to \(Session.formatVersion)); skipped"
        case .deletedElsewhere(let id):
            text = "session \(id) was deleted elsewhere; not saved again"
        }
        return SessionStoreError.oneLine(text)
    }

    public var errorDescription: String? { description }

    /// Newlines and tabs folded into spaces, so the text fits one terminal line.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    /// The system's words for an error: `No space left on device` for `ENOSPC`.
    static func reason(_ error: any Error) -> String {
        if let failure = error as? FileFailure { return failure.description }
        if let storeError = error as? SessionStoreError { return storeError.description }
        if let posix = error as? POSIXError { return FileFailure.message(for: posix.code.rawValue) }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return FileFailure.message(for: Int32(underlying.code))
        }
        return oneLine(String(describing: error))
    }
}

/// A failed system call on a file: which step, and `errno`.
///
/// Thrown by `AtomicFile` and the store's file helpers; tests throw it from the fault
/// injector to pretend the disk is full.
struct FileFailure: Error, Equatable, Sendable, CustomStringConvertible {
    var step: String
    var code: Int32

    init(_ step: String, code: Int32 = errno) {
        self.step = step
        self.code = code
    }

    var description: String { FileFailure.message(for: code) }

    static func message(for code: Int32) -> String {
        String(cString: strerror(code))
    }
}
