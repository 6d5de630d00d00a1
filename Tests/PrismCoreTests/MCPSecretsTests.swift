import Foundation
import Testing
@testable import PrismCore

/// Which values of `[mcp.servers.*]` are secrets, and how they are shown.
@Suite("MCP secrets")
struct MCPSecretsTests {
    @Test(arguments: ["GITHUB_TOKEN", "GITHUB_PERSONAL_ACCESS_TOKEN", "API_KEY", "OPENAI_APIKEY", "AWS_SECRET_ACCESS_KEY",
                      "DB_PASSWORD", "PGPASSWD", "SLACK_BOT_AUTH", "X-CREDENTIALS", "OAUTH_CLIENT_ID", "HTTP_AUTHORIZATION", "ACCESSTOKEN", "session.cookie", "DB_PASS", "GITHUB_PAT", "aws_access_keys"])
    func secretNames(name: String) {
        #expect(MCPSecrets.isSecret(env: name))
    }

    @Test(arguments: ["PATH", "DEBUG", "LOG_LEVEL", "KEYBOARD", "HOME", "PATTERN", "TZ", "GIT_AUTHOR_NAME", "TOKENIZER_PATH"])
    func plainNames(name: String) {
        #expect(!MCPSecrets.isSecret(env: name))
    }

    @Test func valuesAreExpandedAndReferencesAloneAreNotSecrets() {
        let stdio = MCPServerConfig(name: "gh", transport: .stdio(
            command: "gh-mcp", args: ["--token", "ghp_abcdefghij0123456789XYZ", "/home/ada/src/prism2026/repo42", "--since=2026-01-01T00:00:00"],
            env: ["GITHUB_TOKEN": "${GH}", "API_KEY": "literal-key-123", "AUTH_ENABLED": "true", "KEY_COUNT": "12", "SSH_AUTH_SOCK": "/tmp/ssh-XYZ/agent.42", "DEBUG": "verbose-and-long"],
            cwd: nil))
        let found = Set(MCPSecrets.values(for: stdio, environment: ["GH": "gho_fromtheenvironment"]))
        #expect(found == ["gho_fromtheenvironment", "literal-key-123", "ghp_abcdefghij0123456789XYZ"])
        let http = MCPServerConfig(name: "linear", transport: .http(
            url: URL(string: "https://user:pa55word@mcp.example.com/mcp")!,
            headers: ["Authorization": "Bearer ${LINEAR}", "X-Api-Key": "k-9876543", "Accept": "application/json"]))
        let headerSecrets = Set(MCPSecrets.values(for: http, environment: ["LINEAR": "lin_api_0123456789"]))
        #expect(headerSecrets.isSuperset(of: ["Bearer lin_api_0123456789", "lin_api_0123456789", "k-9876543", "pa55word"]))
        #expect(!headerSecrets.contains { $0.contains("${") || $0.contains("application/json") })
    }

    @Test func valuesGivenToSecretFlagsAreSecretsWhateverTheirShape() {
        let server = MCPServerConfig(name: "db", transport: .stdio(
            command: "db-mcp", args: ["--password=hunter22", "--api-key", "short-k1", "--token=${DB_TOKEN}", "--user", "ada",
                                      "--keyboard-layout=dvorak", "--pat", "--verbose"],
            env: [:], cwd: nil))
        let found = Set(MCPSecrets.values(for: server, environment: ["DB_TOKEN": "tok-from-env"]))
        #expect(found == ["hunter22", "short-k1", "tok-from-env"], "a flag's value, not the next flag; a layout is no key")
    }

    @Test func shownValuesMaskLiteralSecretsOnly() {
        let env = MCPSecrets.shown(env: ["GITHUB_TOKEN": "ghp_literal0123", "FROM_ENV_TOKEN": "${GH}", "DEBUG": "1", "AUTH_OFF": "true"])
        #expect(env.map { "\($0.name)=\($0.value)" } == ["AUTH_OFF=true", "DEBUG=1", "FROM_ENV_TOKEN=${GH}", "GITHUB_TOKEN=********"])
        let headers = MCPSecrets.shown(headers: ["Authorization": "Bearer ${T}", "Cookie": "sid=abc123", "Accept": "text/plain"])
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["Accept=text/plain", "Authorization=Bearer ${T}", "Cookie=********"])
    }

    @Test func importPreviewMasksWhatTheFileGetsWhole() throws {
        let json = """
            {"mcpServers": {
              "gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": "ghp_secret0123456789", "DEBUG": "1"}},
              "remote": {"url": "https://u:hunter22@example.com/mcp", "headers": {"Authorization": "Bearer tok_0123456789", "X-Ref": "Bearer ${T}"}}
            }}
            """
        let plan = try MCPImport.plan(json: Data(json.utf8), existing: [])
        #expect(plan.toml.contains("ghp_secret0123456789") && plan.toml.contains("tok_0123456789") && plan.toml.contains("hunter22"))
        for secret in ["ghp_secret0123456789", "tok_0123456789", "hunter22"] { #expect(!plan.preview.contains(secret)) }
        #expect(plan.preview.contains("env = { DEBUG = \"1\", GITHUB_TOKEN = \"********\" }"))
        #expect(plan.preview.contains("headers = { Authorization = \"********\", X-Ref = \"Bearer ${T}\" }"))
    }

    @Test func aLiteralEnvSecretMakesAReadableConfigWarn() throws {
        let literal = try PrismConfig.parse("[mcp.servers.gh]\ncommand = \"gh\"\nenv = { DEBUG = \"1\", GITHUB_TOKEN = \"ghp_x0123456789\" }\n").config
        #expect(literal.secretHeld == "a secret env value (mcp.servers.gh.env.GITHUB_TOKEN)")
        let referenced = try PrismConfig.parse("[mcp.servers.gh]\ncommand = \"gh\"\nenv = { GITHUB_TOKEN = \"${GH}\" }\n").config
        #expect(referenced.secretHeld == nil)
    }
}
