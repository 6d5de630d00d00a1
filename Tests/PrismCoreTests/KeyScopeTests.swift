import Foundation
import Testing
@testable import PrismCore

@Suite("Which servers get the OpenRouter key")
struct KeyScopeTests {
    @Test(arguments: [
        "127.0.0.1", "127.255.10.2", "127.0.0.1.", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1",
        "localhost", "LOCALHOST", "localhost.",
    ])
    func loopbackHosts(host: String) {
        #expect(KeyScope.isLoopback(host))
    }

    @Test(arguments: [
        "128.0.0.1", "10.0.0.1", "0.0.0.0", "::", "::2", "127.0.0.1.evil.example", "localhost.evil.example",
        "evil-localhost", "127.1", "2130706433", "0x7f.0.0.1", "", "::ffff:10.0.0.1",
    ])
    func notLoopback(host: String) {
        #expect(!KeyScope.isLoopback(host))
    }

    @Test(arguments: [
        "https://openrouter.ai/api/v1", "https://OpenRouter.AI/api/v1", "https://eu.openrouter.ai/api/v1",
        "http://127.0.0.1:8080/v1", "https://127.0.0.1:8443/v1", "http://localhost:11434/v1", "http://[::1]:8080/v1",
    ])
    func keyGoesTo(url: String) throws {
        #expect(KeyScope.acceptsOpenRouterKey(try #require(URL(string: url))))
    }

    @Test(arguments: [
        "http://openrouter.ai/api/v1", "https://openrouter.ai.evil.example/api/v1", "https://notopenrouter.ai/v1",
        "https://api.example.com/v1", "https://10.0.0.5/v1", "http://gpu.lan:8000/v1", "https://user@evil.example/v1",
    ])
    func keyNeverGoesTo(url: String) throws {
        #expect(!KeyScope.acceptsOpenRouterKey(try #require(URL(string: url))))
    }

    @Test func plainHTTPOnlyToLoopbackWithoutOptIn() throws {
        #expect(KeyScope.allowsWithoutOptIn(try #require(URL(string: "http://127.0.0.1:1/v1"))))
        #expect(KeyScope.allowsWithoutOptIn(try #require(URL(string: "https://api.example.com/v1"))))
        #expect(!KeyScope.allowsWithoutOptIn(try #require(URL(string: "http://api.example.com/v1"))))
        #expect(!KeyScope.allowsWithoutOptIn(try #require(URL(string: "http://openrouter.ai/api/v1"))))
    }
}

@Suite("URLs are shown and stored without credentials")
struct DisplayURLTests {
    @Test func userAndPasswordAreDropped() throws {
        let url = try #require(URL(string: "http://alice:s3cr%3At@127.0.0.1:8080/v1"))
        #expect(url.displayString == "http://127.0.0.1:8080/v1")
        #expect(DisplayURL.text("https://bob@api.example.com/v1") == "https://api.example.com/v1")
        #expect(DisplayURL.text("https://api.example.com/v1") == "https://api.example.com/v1")
    }

    @Test func unparseableTextIsCutConservatively() {
        #expect(DisplayURL.text("http://us/er:pa ss@host/v1") == "http://host/v1")
        #expect(DisplayURL.text("user:pw@host") == "host")
        #expect(DisplayURL.text("not a url") == "not a url")
    }

    @Test func secretsOfAURLIncludeWhatBasicAuthSends() throws {
        let url = try #require(URL(string: "http://alice:s3cr%3At@host/v1"))
        let secrets = Set(DisplayURL.secrets(in: url))
        #expect(secrets.contains("s3cr:t"))
        #expect(secrets.contains(Data("alice:s3cr:t".utf8).base64EncodedString()))
        #expect(DisplayURL.secrets(in: try #require(URL(string: "http://alice@host/v1"))).isEmpty)
    }
}
