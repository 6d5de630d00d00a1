import Foundation

extension OpenRouterClient {
    /// The account's balance (`GET /credits`), exactly as the server reports it.
    public func fetchCredits() async throws -> Balance {
        let data = try await get("credits")
        do {
            return try Balance.decodeCredits(data)
        } catch {
            throw APIRequestError(failure: ReplyFailure(kind: .protocolViolation, message: "the account balance could not be read"))
        }
    }

    /// The account's balance, or when `/credits` is refused (403: it may need a management
    /// key; 404: a server without it) what is left of the key's limit (`/key`), saying which.
    ///
    /// Throws a one-line reason when neither is known (the key has no limit, or both failed).
    public func fetchBalance() async throws -> Balance {
        do {
            return try await fetchCredits()
        } catch let error as APIRequestError where [403, 404].contains(error.failure.status ?? 0) {
            let info = try await fetchKeyInfo()
            guard let balance = Balance.keyLimit(info) else {
                let why = error.failure.status == 403 ? "needs a management key" : "is not offered by this server"
                throw APIRequestError(failure: ReplyFailure(
                    kind: .http, status: nil,
                    message: "the account balance \(why) (HTTP \(error.failure.status ?? 0)) and the key has no limit"))
            }
            return balance
        }
    }
}

/// Why a generation's record could not be had.
public struct GenerationLookupError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}

extension OpenRouterClient {
    /// The record OpenRouter keeps of generation `id` (`GET /generation?id=…`).
    ///
    /// The record appears a little after the reply ends, so a 404 (or an error saying
    /// "not found") is tried again, `tries` times in all, `delay` seconds apart (the
    /// injected `sleep`); any other failure gives up at once. Sent only to this client's
    /// base URL, with its key, like every other request.
    public func generation(id: String, tries: Int = 4, delay: Double = 1) async throws -> GenerationRecord {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+#?")
        let query = id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
        let attempts = max(1, tries)
        for attempt in 1...attempts {
            do {
                let data = try await get("generation?id=\(query)")
                guard let record = try? GenerationRecord.decode(data) else {
                    throw GenerationLookupError(reason: "the generation record could not be read")
                }
                return record
            } catch let error as APIRequestError {
                let failure = error.failure
                let notYet = failure.status == 404 || failure.message.lowercased().contains("not found")
                guard notYet else { throw GenerationLookupError(reason: "the generation record failed: \(failure.oneLine)") }
                if attempt == attempts { break }
                do { try await sleep(delay) } catch { throw GenerationLookupError(reason: "the generation lookup was cancelled") }
            }
        }
        let span = Double(attempts - 1) * delay
        throw GenerationLookupError(reason: "the generation record was not there after \(attempts) tries over \(Int(span.rounded())) s")
    }

    /// The reply with its cost filled in from `/generation` when the stream gave none
    /// (cancelled, failed, or a server that omits usage or cost) and the reply has an
    /// OpenRouter generation id (`gen-…`: other servers have no such record, so they are
    /// never asked); with the reason when the lookup failed. A reply that already has the
    /// server's cost comes back unchanged.
    public func completingCost(of reply: Reply, tries: Int = 4, delay: Double = 1) async -> (reply: Reply, problem: String?) {
        guard reply.needsGenerationLookup, let id = reply.generationID else { return (reply, nil) }
        do {
            let record = try await generation(id: id, tries: tries, delay: delay)
            var filled = reply
            filled.fillCost(from: record)
            return (filled, filled.usage?.costSource == .generation ? nil : "the generation record has no cost")
        } catch {
            return (reply, "\(error)")
        }
    }
}

extension Reply {
    /// True when the stream gave no cost of its own (none, or only Prism's estimate) but the
    /// reply has an OpenRouter generation id, so `/generation` can tell what it cost.
    public var needsGenerationLookup: Bool {
        guard let id = generationID, id.hasPrefix("gen-") else { return false }
        guard let usage else { return true }
        return usage.cost == nil || usage.source == .estimate
    }

    /// Takes cost and token counts from a generation record (when it has a cost).
    public mutating func fillCost(from record: GenerationRecord) {
        guard var usage = record.usage else { return }
        usage.promptTokens = usage.promptTokens ?? self.usage?.promptTokens
        usage.completionTokens = usage.completionTokens ?? self.usage?.completionTokens
        usage.totalTokens = usage.totalTokens ?? self.usage?.totalTokens
        usage.cachedTokens = usage.cachedTokens ?? self.usage?.cachedTokens
        usage.reasoningTokens = usage.reasoningTokens ?? self.usage?.reasoningTokens
        self.usage = usage
        if provider == nil { provider = record.providerName }
    }
}
