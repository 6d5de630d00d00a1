import Foundation
import PrismStub
import Testing

/// What a chat-screen test needs: a stub server, a `prism` with its own folders pointed at
/// it, and a private tmux server; `stop()` takes all three down.
struct ChatScreenFixture {
    let server: StubServer
    let prism: PrismProcess
    let tmux: TmuxSession

    init(key: String) throws {
        try #require(TmuxSession.available, "tmux is needed for this test (.ci/run installs it)")
        server = StubServer(requiredKey: key)
        try server.start()
        do {
            prism = try PrismProcess(key: key, baseURL: server.baseURL)
        } catch {
            server.stop()
            throw error
        }
        tmux = TmuxSession()
    }

    func stop() {
        tmux.kill()
        prism.cleanUp()
        server.stop()
    }
}
