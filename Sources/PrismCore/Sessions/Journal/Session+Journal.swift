import Foundation

extension Session {
    /// A session rebuilt from journals alone (its file was never written: the process
    /// died before the first save landed).
    static func fromJournals(_ journals: [JournalFolder.Contents]) -> Session? {
        guard let first = journals.first else { return nil }
        var session = first.session
        session.messages = []
        session.currentLeafID = nil
        session.fold(journals)
        return session
    }

    /// Folds what journals recorded since the session file was written.
    ///
    /// Messages a journal's header names that the file lacks (the save after sending
    /// had not landed) are added, and the writer's view of the current leaf and compare
    /// layout is taken, since it is newer than the file's. A reply the file already
    /// holds finished is left alone; one it holds as streaming gets the journal's text
    /// (the journal always has at least as much, being written first) or its final
    /// record when the stream ended.
    mutating func fold(_ journals: [JournalFolder.Contents]) {
        for journal in journals { fold(journal) }
    }

    private mutating func fold(_ journal: JournalFolder.Contents) {
        var inserted = false
        for m in journal.session.messages where message(m.id) == nil && !deleted.contains(m.id) {
            messages.append(m)
            inserted = true
        }
        if inserted {
            currentLeafID = journal.session.currentLeafID ?? journal.replyID
            if let compare = journal.session.compare { self.compare = compare }
            if title.isEmpty { title = journal.session.title }
            updatedAt = max(updatedAt, journal.session.updatedAt)
        }
        guard let i = index(of: journal.replyID), messages[i].status == .streaming else { return }
        // A tool turn's round ends with an end line, then the file gains the round: a file
        // holding more rounds than the end line is newer than it (the next round's journal
        // had not begun), so it is kept.
        if let end = journal.end, (end.toolRounds?.count ?? 0) >= (messages[i].toolRounds?.count ?? 0) {
            messages[i] = end
            updatedAt = max(updatedAt, end.createdAt)
            return
        }
        if journal.end != nil { return }
        if journal.content.utf8.count > messages[i].content.utf8.count { messages[i].content = journal.content }
        if journal.reasoning.utf8.count > (messages[i].reasoning?.utf8.count ?? 0) { messages[i].reasoning = journal.reasoning }
        if let model = journal.model { messages[i].modelServed = model }
        if let provider = journal.provider { messages[i].provider = provider }
        if let generationID = journal.generationID { messages[i].generationID = generationID }
        // Sources are added to the file's (an earlier tool round's stay); usage is the newest.
        if let citations = journal.citations { messages[i].citations = Citation.union(messages[i].citations, citations) }
        if let usage = journal.usage { messages[i].usage = usage }
    }
}
