import ArgumentParser
import Foundation
import PrismCore

/// `prism compare`: one prompt to several models at once, then their answers and a table.
struct CompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Send one prompt to 2–4 models at once and compare answers, speed and cost.",
        discussion: """
        Example: prism compare -m openai/gpt-5-mini -m anthropic/claude-haiku-4.5 "Explain CRDTs"
        With a set (config.toml's [sets], or saved in the chat screen with /set save): prism compare --set fast "Explain CRDTs"
        Exit status: 0 when every model answered, 1 when any failed, 2 for usage errors, 3 when a
        budget cap (config.toml [budget] or --max-cost, the round counted as a whole) refused the
        round: nothing was sent, and one line on stderr says why and when the cap resets.
        """
    )

    @Option(name: .shortAndLong, help: "A model to compare (give 2 to 4, or use --set).")
    var model: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("A named model set, from config.toml's [sets] or saved in the chat screen.", valueName: "name"))
    var setName: String?

    @Option(help: "System prompt for every model.")
    var system: String?

    // Unconditional, so `--max-tokens -1` reaches validate() instead of reading as an option.
    @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: "Reply budget for every model.")
    var maxTokens: Int?

    @Option(parsing: .unconditional, help: "Sampling temperature, 0 to 2.")
    var temperature: Double?

    @OptionGroup var routing: RoutingOptions

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var budget: BudgetOptions

    @OptionGroup var features: FeatureOptions

    @Flag(help: "Print one JSON object with an entry per model.")
    var json = false

    @Flag(help: "Save the round as a session: the replies become siblings under one prompt.")
    var save = false

    @Argument(help: "The prompt. Piped stdin is appended to it.")
    var prompt: [String] = []

    func validate() throws {
        if setName != nil {
            guard model.isEmpty else { throw ValidationError("give either --set or -m, not both") }
        } else {
            guard (2...4).contains(model.count) else { throw ValidationError("give 2 to 4 models with -m, or a set with --set") }
            guard Set(model).count == model.count else { throw ValidationError("each model may be given once") }
        }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1") }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be between 0 and 2") }
    }

    func run() async throws {
        let context = try CLIContext(connection: connection, overrides: ConfigOverrides(
            maxTokens: maxTokens, temperature: temperature, systemPrompt: system))
        let models = try resolveModels(context)
        let text = try AskCommand.composePrompt(arguments: prompt, piped: StandardIO.readPipedInput())
        try context.requireKey()
        if context.demo, !json { StandardIO.error("prism: demo mode: simulated models, nothing leaves this machine") }

        let catalog = await context.catalogForAsk()
        var settings = context.config.requestSettings
        settings.maxTokens = maxTokens
        features.apply(to: &settings, features: context.config.features)
        // The round is a session in compare mode whether or not it is saved, as in the chat
        // screen: one prompt, a reply per model, and each request built from its model's thread.
        var session = Session(id: SessionID.make(), createdAt: Date(), systemPrompt: context.config.systemPrompt,
                              model: models.first, settings: settings)
        session.startCompare(models: models)
        let replyIDs = session.appendRound(text, at: Date(), makeID: { UUID().uuidString.lowercased() })
        let layers = try routing.layers(context)
        // Each model's chain (it, then the fallbacks) without the models whose circuit is open.
        // A compare pane sends its own model only, so a pane whose circuit is open goes as asked.
        let gate = HealthGate(context: context, source: .compareCommand)
        var skipped: [[SkippedModel]] = []
        let requests = zip(models, replyIDs).map { model, reply in
            var routed = session
            routed.settings.fallbackModels = []
            let sent = gate.route(model: model, settings: &routed.settings)
            skipped.append(sent.skipped)
            var request = ChatRequest.build(model: sent.model, session: routed, upTo: session.message(reply)?.parentID,
                                            catalog: catalog, maxTokensCap: context.config.maxTokens, routing: layers)
            request.cache = context.config.features.cache
            return request
        }
        // Each reply keeps the chain and provider order it was sent with (how it was served is told from them).
        for (reply, request) in zip(replyIDs, requests) {
            if let index = session.index(of: reply) { session.messages[index].sentRoute = request.sentRoute }
        }
        let estimates = zip(requests, replyIDs).map { request, reply in
            RequestCost.estimate(request, session: session, upTo: session.message(reply)?.parentID)
        }
        try budget.check(estimates, context: context)
        let spend = context.demo ? nil : InFlightSpend(context: context, source: .compare, sessionID: save ? session.id : nil)
        // Each request waits its turn under the free models' per-minute limit, then reserves.
        var reservations: [InFlightSpend.Reservation?] = []
        for (request, estimate) in zip(requests, estimates) {
            await spend?.paceIfFree(request)
            reservations.append(spend?.reserve(request, estimate: estimate))
        }
        let recorder = save ? try CompareRecorder(context: context, session: session, replyIDs: replyIDs) : nil
        let saveFailures = SaveFailures()
        var run = CompareRun(client: context.client, requests: requests, showProgress: !json && StandardIO.stderrIsTerminal)
        if let recorder {
            run.journals = recorder.openJournals()
            run.finished = { index, reply in
                do { try recorder.record(index, reply) } catch { saveFailures.add("\(error)") }
            }
        }
        var (replies, interruption) = await run.run()
        // A reply whose stream gave no cost (stopped, failed, no usage) is still billed: ask
        // OpenRouter's record of it, as `ask` does, and save the figure with the reply.
        if !context.demo {
            for index in replies.indices where replies[index].needsGenerationLookup {
                replies[index] = await context.client.completingCost(of: replies[index]).reply
                if replies[index].usage?.cost != nil, let recorder {
                    do { try recorder.record(index, replies[index]) } catch { saveFailures.add("\(error)") }
                }
            }
        }
        let entries = zip(models, replies).map { (model: $0, reply: $1) }
        for entry in entries { if let warning = AskJSON.skippedWarning(entry.reply, model: entry.model) { StandardIO.error(warning) } }
        for (entry, request) in zip(entries, requests) where !json {
            if let note = AskJSON(reply: entry.reply, requestedModel: entry.model, request: request).servedNote {
                StandardIO.error("prism: note: \(TerminalSanitizer.metadata(entry.model)): \(TerminalSanitizer.metadata(note))")
            }
        }
        for (reservation, reply) in zip(reservations, replies) { spend?.finish(reservation, reply: reply) }
        for (lane, (request, reply)) in zip(requests, replies).enumerated() {
            gate.record(reply, model: request.model, prompt: text, replyID: replyIDs[lane], sessionID: save ? session.id : nil,
                        roundID: session.message(replyIDs[lane])?.parentID, lane: lane)
        }

        if let failure = saveFailures.first { throw CLIFailure.request(failure) }
        if let recorder, !json { StandardIO.error("prism: saved session \(recorder.sessionID)") }
        if json {
            StandardIO.out(CompareJSON(entries: entries, requests: requests, skipped: skipped).render() + "\n")
        } else {
            StandardIO.out(CompareReport.text(entries, links: features.linksAllowed))
        }
        if let interruption { throw CLIFailure(status: interruption.status, message: interruption.message) }
        let failed = entries.filter { !$0.reply.succeeded }
        if !failed.isEmpty {
            let names = failed.map { "\($0.model) (\(TerminalSanitizer.sanitize($0.reply.failure?.oneLine ?? "failed")))" }
            throw CLIFailure.request("\(failed.count) of \(entries.count) failed: " + names.joined(separator: "; "))
        }
    }

    /// The `-m` models, or those of the `--set` set; an unknown set is a usage error naming the known ones.
    private func resolveModels(_ context: CLIContext) throws -> [String] {
        guard let setName else { return model }
        let saved = ModelSetStore(paths: context.paths, demo: context.demo).loadReporting()
        for warning in saved.warnings { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(warning))") }
        let sets = ModelSets(config: context.config, saved: saved.sets)
        guard let set = sets.named(setName) else { throw CLIFailure.usage(sets.unknown(setName).message) }
        return set.models
    }
}

/// Save errors from the replies' own tasks, reported once the round is over.
final class SaveFailures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) { lock.withLock { messages.append(message) } }
    var first: String? { lock.withLock { messages.first } }
}
