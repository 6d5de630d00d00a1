import Foundation
import PrismCore

/// `prism ask`'s tool servers and `--schema`: what is set up before the request goes.
extension AskCommand {
    /// Starts the `--tool` servers and returns their tools; on a bad selection every server
    /// started so far is stopped before the error ends the command.
    func startTools(_ host: any ToolHost) async throws -> [ToolSpec] {
        do {
            return try await tools.offered(host: host)
        } catch {
            await stopTools(host)
            throw error
        }
    }

    /// The reply as a tool turn (`AskToolRun`), Ctrl-C cancelling the whole turn; every server
    /// is stopped before it returns, whether the turn ended or was stopped.
    func runToolTurn(_ context: CLIContext, request: ChatRequest, offered: [ToolSpec], spend: InFlightSpend?,
                     streamer: AskStreamer) async -> (Reply, ToolTurnResult?, ReplyFailureNote?) {
        var run = AskToolRun(client: context.client, host: context.toolHost, offered: offered, settings: tools.loopSettings,
                             approver: .live(yes: tools.yes, environment: context.environment), streamer: streamer,
                             spend: spend, lookUpCost: !context.demo)
        // Each later round is a request the budget weighs like the first (exit 3 when refused).
        let budget = self.budget
        run.checkRound = { request in
            do {
                try budget.check([AskToolRun.estimate(request)], context: context)
                return nil
            } catch {
                return (error as? CLIFailure)?.message ?? "\(error)"
            }
        }
        let task = run.start(request)
        let signals = SignalWatcher { task.cancel() }
        let turn = await task.value
        streamer.finish()
        await stopTools(context.toolHost)
        signals.stop()
        let interruption = signals.note
        var reply = turn.reply
        if let interruption, reply.failure?.kind == .cancelled { reply.failure?.message = interruption.message }
        return (reply, turn, interruption)
    }

    func stopTools(_ host: any ToolHost) async {
        guard !tools.isEmpty else { return }
        await host.stopAll()
    }

    /// The `--schema` file as a `response_format`; an unreadable or non-JSON file is a usage error.
    func schemaFormat() throws -> ResponseFormat? {
        guard let schema else { return nil }
        do {
            return try ResponseFormat.schemaFile(URL(fileURLWithPath: schema))
        } catch {
            throw CLIFailure.usage("\(error)")
        }
    }

    /// Refuses `--schema` (exit 2) for a model the catalog says lacks structured outputs, unless
    /// `--force`. The catalog is fetched when the cache does not know the model; a model no
    /// catalog lists is sent with a note, as nothing says it cannot answer.
    func checkStructuredOutputs(_ context: CLIContext, model: String, catalog: [ModelInfo]) async throws -> [ModelInfo] {
        var catalog = catalog
        if catalog.entry(for: model) == nil, !context.demo,
           let fetched = try? await context.catalogCache.catalog(client: context.client) {
            catalog = fetched.models
        }
        let name = TerminalSanitizer.metadata(model)
        guard let info = catalog.entry(for: model) else {
            if !json { StandardIO.error("prism: note: the catalog does not list \(name): sending --schema without knowing whether it supports structured outputs") }
            return catalog
        }
        if !StructuredReply.isSupported(by: info) {
            guard force else {
                throw CLIFailure.usage("\(name) does not support structured outputs (its catalog entry lacks structured_outputs): --force sends --schema anyway")
            }
            StandardIO.error("prism: warning: \(name) does not list structured outputs; sent anyway because of --force")
        }
        return catalog
    }
}
