import ArgumentParser
import Foundation
import PrismCore

/// `prism ask`: one prompt, one streamed reply, scriptable.
struct AskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one question and stream the reply to stdout.",
        discussion: """
        Piped input is appended to the prompt:  cat notes.md | prism ask "summarise this"
        Exit status: 0 success, 1 the request or stream failed, 2 usage or configuration error,
        3 refused by a budget cap (config.toml [budget] or --max-cost; nothing was sent: the one line
        on stderr names the cap, the worst case or what was spent, and when the cap resets),
        4 the reply does not match --schema (stderr lists the first problems; the reply is still on stdout).
        Tools: --tool SERVER[/TOOL] offers a tool server's tools; each call is asked about on the terminal
        (/dev/tty), run without asking with --yes, refused when there is no terminal (or CI is set).
        """
    )

    @Option(name: .shortAndLong, help: "Model id, e.g. openai/gpt-5-mini (env PRISM_MODEL, config 'model').")
    var model: String?

    @Option(name: .customLong("fallback"), help: "A fallback model, tried by OpenRouter if the main one fails (repeatable).")
    var fallbacks: [String] = []

    @Option(help: "System prompt.")
    var system: String?

    // Unconditional, so `--max-tokens -1` reaches validate() instead of reading as an option.
    @Option(name: .customLong("max-tokens"), parsing: .unconditional, help: "Reply budget (default: the model's limit, capped by config max_tokens).")
    var maxTokens: Int?

    @Option(parsing: .unconditional, help: "Sampling temperature, 0 to 2.")
    var temperature: Double?

    @Option(name: .customLong("top-p"), parsing: .unconditional, help: "Nucleus sampling, 0 to 1.")
    var topP: Double?

    @Option(parsing: .unconditional, help: "Seed for providers that support deterministic sampling.")
    var seed: Int?

    @Option(help: "A stop sequence (repeatable, up to 4).")
    var stop: [String] = []

    @Option(name: .customLong("attach"), help: "Attach an image or file by path (repeatable); sent as content parts.")
    var attachments: [String] = []

    @Option(name: .customLong("reasoning-effort"), help: "Reasoning effort: max, xhigh, high, medium, low, minimal or none.")
    var reasoningEffort: String?

    @OptionGroup var routing: RoutingOptions

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var budget: BudgetOptions

    @OptionGroup var tools: ToolOptions

    @Option(help: ArgumentHelp("Ask for JSON following this JSON Schema (sent as response_format, strict); the reply is checked against it.", valueName: "file.json"))
    var schema: String?

    @Flag(help: "Send --schema even to a model whose catalog entry lacks structured outputs.")
    var force = false

    @OptionGroup var features: FeatureOptions

    @Flag(help: "Print one JSON object with the reply, usage, cost and timings when done.")
    var json = false

    @Flag(help: "Save the exchange as a session (see `prism sessions`).")
    var save = false

    @Flag(help: "Print what the request would cost (input estimate and worst case) and send nothing.")
    var estimate = false

    @Flag(help: "Send to the model `prism route` chooses for this prompt (from [route] candidates or your favourites); says which and why on stderr.")
    var route = false

    @Argument(help: "The prompt. Piped stdin is appended to it.")
    var prompt: [String] = []

    func validate() throws {
        if route, model != nil { throw ValidationError("--route chooses the model: leave out -m/--model") }
        if let effort = reasoningEffort, !ReasoningSettings.efforts.contains(effort) {
            throw ValidationError("--reasoning-effort must be one of: \(ReasoningSettings.efforts.joined(separator: ", "))")
        }
        if let maxTokens, maxTokens < 1 { throw ValidationError("--max-tokens must be at least 1") }
        if let temperature, !(0...2).contains(temperature) { throw ValidationError("--temperature must be between 0 and 2") }
        if let topP, !(topP > 0 && topP <= 1) { throw ValidationError("--top-p must be above 0 and at most 1") }
        if stop.count > 4 { throw ValidationError("at most 4 --stop sequences") }
        if let schema, !FileManager.default.isReadableFile(atPath: schema) { throw ValidationError("cannot read schema file \(schema)") }
        if force, schema == nil { throw ValidationError("--force goes with --schema") }
        for path in attachments where !path.hasPrefix("https://") && !FileManager.default.isReadableFile(atPath: path) {
            throw ValidationError("cannot read attachment \(path)")
        }
    }

    func run() async throws {
        let text = try Self.composePrompt(arguments: prompt, piped: StandardIO.readPipedInput())
        let decision = route ? try await Self.routed(connection: connection, text: text) : nil
        let context = try CLIContext(connection: connection, overrides: ConfigOverrides(
            model: decision?.choice?.model ?? model, maxTokens: maxTokens, temperature: temperature, systemPrompt: system))
        if estimate { return try await printEstimate(context, text: text) }
        try context.requireKey()
        if context.demo, !json {
            StandardIO.error("prism: demo mode: simulated models, nothing leaves this machine")
        }
        try await ask(context, text: text)
    }

    /// Sends the prompt and prints the reply: everything after the context is made, so tests
    /// can run it in process with a context whose `toolHost` they chose.
    func ask(_ context: CLIContext, text: String) async throws {
        let modelID = context.config.model.id
        let format = try schemaFormat()
        var catalog = await context.catalogForAsk()
        let session = sessionForAsk(context, text: text)
        // Models whose circuit is open leave the chain; the request is built for the model sent.
        let gate = HealthGate(context: context, source: .ask)
        var routed = session
        let (sentModel, skipped) = gate.route(model: modelID, settings: &routed.settings)
        if format != nil { catalog = try await checkStructuredOutputs(context, model: sentModel, catalog: catalog) }
        var request = ChatRequest.build(model: sentModel, session: routed, upTo: session.currentLeafID, catalog: catalog,
                                        maxTokensCap: context.config.maxTokens, routing: try routing.layers(context))
        request.responseFormat = format
        request.cache = context.config.features.cache
        let host = context.toolHost
        let offered = tools.isEmpty ? [] : try await startTools(host)
        request.tools = offered
        let estimate = RequestCost.estimate(request, session: session, upTo: session.currentLeafID)
        var recorder: SessionRecorder?
        do {
            try budget.check([estimate], context: context)
            recorder = save ? try SessionRecorder(context: context, session: session) : nil
        } catch {
            await stopTools(host)
            throw error
        }
        let spend = context.demo ? nil : InFlightSpend(context: context, source: .ask, sessionID: save ? session.id : nil)
        let streamer = AskStreamer(json: json, journal: recorder?.openReplyJournal())
        let (reply, turn, interruption) = offered.isEmpty
            ? await streamReply(context, request: request, estimate: estimate, spend: spend, streamer: streamer)
            : await runToolTurn(context, request: request, offered: offered, spend: spend, streamer: streamer)
        if !json { StandardIO.out(reply.citations.referenceList(links: features.linksAllowed)) }
        gate.record(reply, model: request.model, prompt: text, replyID: recorder?.replyID, sessionID: save ? session.id : nil,
                    roundID: session.currentLeafID)
        try recorder?.recordReply(reply, route: request.sentRoute, turn: turn)
        if let warning = AskJSON.skippedWarning(reply) { StandardIO.error(warning) }
        var result = AskJSON(reply: reply, requestedModel: modelID, request: request, skippedModels: skipped)
        result.toolRounds = turn?.rounds ?? []
        result.toolNote = turn?.stoppedByCap ?? turn?.refusedBeforeRound
        let check = format.flatMap { reply.failure == nil ? StructuredCheck(reply: reply.content, schema: $0.schema) : nil }
        result.structured = check
        if !json, let note = result.servedNote { StandardIO.error("prism: note: \(TerminalSanitizer.metadata(note))") }

        if json {
            StandardIO.out(result.render() + "\n")
        } else if StandardIO.stderrIsTerminal, reply.failure == nil {
            StandardIO.error("\u{1B}[2m\(TerminalSanitizer.metadata(Formatting.replySummary(reply)))\u{1B}[0m")
        }
        if let id = recorder?.sessionID, !json { StandardIO.error("prism: saved session \(id)") }
        if let failure = reply.failure {
            if failure.kind == .cancelled {
                throw CLIFailure(status: interruption?.status ?? 130, message: failure.message)
            }
            throw CLIFailure.request(TerminalSanitizer.sanitize(Self.failureLine(failure, model: context.config.model)))
        }
        if let refusal = turn?.refusedBeforeRound {
            let done = turn?.rounds.count ?? 0
            throw CLIFailure(status: BudgetOptions.refusedStatus, message: "stopped after \(done) tool round\(done == 1 ? "" : "s"): \(refusal)")
        }
        if let note = turn?.stoppedByCap {
            throw CLIFailure.request("\(note) (--max-tool-rounds raises the cap)")
        }
        if let check, !check.isValid { throw check.failure() }
    }

    /// One request streamed to stdout, Ctrl-C cancelling it, reserved and settled in the ledger.
    func streamReply(_ context: CLIContext, request: ChatRequest, estimate: CostEstimate, spend: InFlightSpend?,
                     streamer: AskStreamer) async -> (Reply, ToolTurnResult?, ReplyFailureNote?) {
        await spend?.paceIfFree(request)
        let reservation = spend?.reserve(request, estimate: estimate)
        let stream = context.client.streamChat(request)
        let signals = SignalWatcher { stream.cancel() }
        var reply = await streamer.run(stream)
        signals.stop()
        let interruption = signals.note
        if let interruption, reply.failure?.kind == .cancelled { reply.failure?.message = interruption.message }
        if !context.demo, reply.needsGenerationLookup {
            // No cost in the stream (cancelled, failed, or not sent): ask OpenRouter's record of it.
            let (filled, problem) = await context.client.completingCost(of: reply)
            reply = filled
            // A stopped reply is billed for what was generated: say when that figure is not to be had.
            if let problem, !json, reply.failure != nil {
                StandardIO.error("prism: note: cost unknown: \(TerminalSanitizer.metadata(problem))")
            }
        }
        spend?.finish(reservation, reply: reply)
        return (reply, nil, interruption)
    }

    /// The exchange as a session whether or not it is saved: requests are built from a thread.
    func sessionForAsk(_ context: CLIContext, text: String) -> Session {
        var settings = context.config.requestSettings
        settings.fallbackModels = fallbacks.isEmpty ? settings.fallbackModels : fallbacks
        if let effort = reasoningEffort { settings.reasoning = ReasoningSettings(effort: effort) }
        if let topP { settings.topP = topP }
        if let seed { settings.seed = seed }
        if !stop.isEmpty { settings.stop = stop }
        settings.maxTokens = maxTokens
        features.apply(to: &settings, features: context.config.features)
        let attached = attachments.map { $0.hasPrefix("https://") ? Attachment.guess(path: $0) : Attachment.local(path: URL(fileURLWithPath: $0).path) }
            .map { $0.noting(pdfEngine: settings.pdfEngine) }
        var session = Session(id: SessionID.make(), createdAt: Date(), systemPrompt: context.config.systemPrompt,
                              model: context.config.model.id, settings: settings)
        session.append(Message(id: UUID().uuidString.lowercased(), parentID: nil, role: .user, content: text,
                               attachments: attached, createdAt: Date()))
        return session
    }

    /// `--estimate`: the request `ask` would send, priced from the catalog (cached as `prism
    /// models` caches it; fetched only when missing or stale), printed; nothing is sent.
    func printEstimate(_ context: CLIContext, text: String) async throws {
        let catalog: [ModelInfo]
        if context.demo {
            catalog = (try? await context.client.fetchModels()) ?? []
        } else {
            catalog = (try? await context.catalogCache.catalog(client: context.client))?.models ?? context.cachedCatalog()
        }
        let session = sessionForAsk(context, text: text)
        // The thread is the system prompt and this one prompt: the draft is that last message.
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: session.currentLeafID),
                                  draft: PendingText(), explicitMaxTokens: session.settings.maxTokens,
                                  maxTokensCap: context.config.maxTokens, searchesWeb: session.settings.web != nil)
        let modelID = context.config.model.id
        let info = catalog.entry(for: modelID)
        // `:nitro` and `:floor` choose a provider by speed or price: say what the providers charge.
        var range: PriceRange?
        let variants = ModelVariant.parse(modelID).variants
        if variants.contains(.nitro) || variants.contains(.floor), context.config.isOpenRouter || context.demo {
            range = (try? await context.endpointCache.endpoints(model: ModelVariant.parse(modelID).base, client: context.client))
                .flatMap(PriceRange.init)
        }
        let note = PriceRange.note(for: modelID, base: info?.variantNote, range: range)
        let priced = PriceRange.pricing(info, for: modelID, range: range)
        var report = AskEstimate(estimate: CostEstimator.estimate(model: modelID, info: priced, basis: basis), note: note)
        report.webSearch = basis.searchesWeb && !WebSearchSettings.isOnlineVariant(modelID)
        StandardIO.out(json ? report.json() + "\n" : report.text())
    }

    /// `--route`: the decision over the configured candidates, said in one line on stderr.
    static func routed(connection: ConnectionOptions, text: String) async throws -> RouteDecision {
        let context = try CLIContext(connection: connection)
        let ids = try RoutePlanner.candidateIDs(context, explicit: [], set: nil)
        let decision = await RoutePlanner.decide(context, text: text, candidates: ids, tag: nil)
        guard decision.choice != nil else { throw CLIFailure.request(TerminalSanitizer.metadata(decision.line)) }
        StandardIO.error("prism: route: " + TerminalSanitizer.metadata(decision.line))
        return decision
    }

    /// The failure in one line; when the server refused the request (400, 404) and `-m` did
    /// not name the model, it also says where the model came from.
    static func failureLine(_ failure: ReplyFailure, model: ModelChoice) -> String {
        guard failure.kind == .http, failure.status == 400 || failure.status == 404, let provenance = model.provenance else {
            return failure.oneLine
        }
        return "\(failure.oneLine) (\(provenance))"
    }

    /// The prompt from the arguments, with piped input appended after a blank line.
    static func composePrompt(arguments: [String], piped: String?) throws -> String {
        let fromArguments = arguments.joined(separator: " ")
        let parts = [fromArguments, piped ?? ""].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else {
            throw CLIFailure.usage("no prompt: give it as arguments (prism ask \"...\") or pipe it in")
        }
        return parts.joined(separator: "\n\n")
    }
}

extension CLIContext {
    /// Prices and limits for `ask`: the demo catalog, or the disk cache (never a network round trip).
    func catalogForAsk() async -> [ModelInfo] {
        if demo { return (try? await client.fetchModels()) ?? [] }
        return cachedCatalog()
    }
}
