import Foundation

/// Something the user asked for that did not work, and why, as an action carries it.
///
/// Typed rather than a bare string, so the reducer can tell an export that failed from a
/// session that could not be read, and a success never travels as a "failure".
public enum OperationFailure: Sendable, Equatable {
    /// The session browser's list, or a session it opened, deleted or renamed.
    case sessions(String)
    case export(id: String, reason: String)
    case modelSets(reason: String)
    case theme(name: String, reason: String)
    case routing(model: String, reason: String)

    /// One line for the status bar.
    public var message: String {
        switch self {
        case .sessions(let reason): reason
        case .export(_, let reason): "export failed: \(reason)"
        case .modelSets(let reason): "could not save the model sets: \(reason)"
        case .theme(_, let reason): reason
        case .routing(let model, let reason): "could not save the routing for \(model): \(reason)"
        }
    }
}
