import Foundation
import Testing
@testable import PrismCore

@Suite("Full-text session search")
struct SessionSearchTests {
    @Test func findsSessionsByMessageTextCaseInsensitively() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("search-\(UUID())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = FileSessionStore(folder: dir, indexFile: nil)
        var a = Session(id: "20261122-000000-aaaa", title: "first", createdAt: Date())
        a.append(Message(id: "1", parentID: nil, role: .user, content: "How do Raft elections work? 日本語", createdAt: Date()))
        var b = Session(id: "20261122-000000-bbbb", title: "second", createdAt: Date())
        b.append(Message(id: "2", parentID: nil, role: .user, content: "Paxos versus raft", createdAt: Date()))
        try store.save(a)
        try store.save(b)
        #expect(SessionSearch.search("raft", in: dir) == [a.id, b.id])
        #expect(SessionSearch.search("RAFT elections", in: dir) == [a.id])
        #expect(SessionSearch.search("日本語", in: dir) == [a.id])
        #expect(SessionSearch.search("zookeeper", in: dir).isEmpty)
        #expect(SessionSearch.search("  ", in: dir).isEmpty)
    }
}
