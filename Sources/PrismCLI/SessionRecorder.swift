import Foundation
import PrismCore

/// Records a `prism ask --save` exchange as a session, saving after each step.
///
/// The prompt is saved before the request goes out, so even a killed process
/// leaves the question on disk; the reply, finished or not, is saved after.
struct SessionRecorder {
    let store: FileSessionStore
    private(set) var session: Session
    private var parentID: String?

    var sessionID: String { session.id }

    init(context: CLIContext, model: String, settings: RequestSettings) throws {
        store = FileSessionStore(paths: context.paths)
        session = Session(id: SessionID.make(), createdAt: Date(), systemPrompt: context.config.systemPrompt,
                          model: model, settings: settings)
    }

    mutating func recordPrompt(_ text: String, attachments: [Attachment]) throws {
        let message = Message(id: UUID().uuidString.lowercased(), parentID: nil, role: .user, content: text,
                              attachments: attachments, createdAt: Date())
        session.append(message)
        parentID = message.id
        try persist()
    }

    mutating func recordReply(_ reply: Reply) throws {
        var message = Message(id: UUID().uuidString.lowercased(), parentID: parentID, role: .assistant,
                              content: "", createdAt: Date())
        message.modelRequested = session.model
        message.apply(reply)
        session.append(message)
        try persist()
    }

    private func persist() throws {
        do {
            try store.save(session)
        } catch {
            throw CLIFailure.request("\(error)")
        }
    }
}
