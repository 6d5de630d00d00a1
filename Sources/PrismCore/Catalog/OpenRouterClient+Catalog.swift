import Foundation

/// A request to the API that failed, with a one-line reason.
public struct APIRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var failure: ReplyFailure
    public var description: String { failure.oneLine }
}

extension OpenRouterClient {
    /// Fetches the model catalog (`GET /models`).
    public func fetchModels() async throws -> [ModelInfo] {
        let data = try await get("models")
        do {
            return try ModelInfo.decodeCatalog(data)
        } catch {
            throw APIRequestError(failure: ReplyFailure(kind: .protocolViolation, message: "the model list could not be read"))
        }
    }

    /// Fetches usage, limit and remaining credit of the key (`GET /key`).
    public func fetchKeyInfo() async throws -> KeyInfo {
        let data = try await get("key")
        do {
            return try KeyInfo.decode(data)
        } catch {
            throw APIRequestError(failure: ReplyFailure(kind: .protocolViolation, message: "the key information could not be read"))
        }
    }

    /// A GET that returns the whole body, or throws the server's error in one line, with
    /// every secret the request carried redacted (a server may quote the key back).
    func get(_ path: String) async throws -> Data {
        do {
            return try await unredactedGet(path)
        } catch let error as APIRequestError {
            throw APIRequestError(failure: error.failure.redacted(with: configuration.redactor))
        }
    }

    private func unredactedGet(_ path: String) async throws -> Data {
        var headers = configuration.headers(json: false)
        headers["Accept"] = "application/json"
        let request = configuration.httpRequest(method: "GET", path: path, headers: headers)
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw APIRequestError(failure: Self.failure(from: error))
        }
        guard response.head.status == 200 else {
            throw APIRequestError(failure: await httpFailure(response))
        }
        do {
            return try await response.collect()
        } catch {
            throw APIRequestError(failure: Self.failure(from: error))
        }
    }
}
