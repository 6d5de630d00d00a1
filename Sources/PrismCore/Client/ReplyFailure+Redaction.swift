import Foundation

extension ClientConfiguration {
    /// A redactor for everything this configuration sends that a server could echo back:
    /// the key, secret-looking extra headers and the base URL's password (plus, as always,
    /// anything shaped like `sk-or-v1-…` and the token after `Bearer `).
    public var redactor: Redactor {
        var secrets = [apiKey].compactMap { $0 }
        for (name, value) in extraHeaders { secrets += SecretHeaders.secrets(name: name, value: value) }
        secrets += DisplayURL.secrets(in: baseURL)
        return Redactor(secrets: secrets)
    }
}

extension ReplyFailure {
    /// This failure with every secret `redactor` knows removed from the server's words.
    ///
    /// Failures are shown on stderr, printed in `--json` and saved in sessions, so a server
    /// that quotes the request's `Authorization` header back in an error must not get the
    /// key into any of them. Done where a failure leaves the client, so nothing downstream
    /// ever holds the secret.
    public func redacted(with redactor: Redactor) -> ReplyFailure {
        var copy = self
        copy.message = redactor.redactAllowingCut(message)
        copy.code = code.map { redactor.redact($0) }
        copy.provider = provider.map { redactor.redact($0) }
        copy.upstreamMessage = upstreamMessage.map { redactor.redactAllowingCut($0) }
        return copy
    }
}

extension Reply {
    /// This reply with its failure (if any) redacted of the secrets `configuration` sends.
    func redactingSecrets(of configuration: ClientConfiguration) -> Reply {
        guard let failure else { return self }
        var copy = self
        copy.failure = failure.redacted(with: configuration.redactor)
        return copy
    }
}
