import ArgumentParser
import Foundation
import PrismCore

/// `prism route`: which model this prompt should go to, by the weighted score, and why.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Choose a model for a prompt and say why (sends nothing).",
        discussion: """
        Candidates: --candidate (repeatable), else --set NAME, else [route] candidates in config.toml, \
        else the picker's favourites. Each is scored on quality (your ratings for the prompt's tag), \
        cost (this prompt's estimate, assuming a 500-token reply), speed and specialization, \
        weighted 40/30/20/10 unless [route] says otherwise.
        """
    )

    @Option(name: .customLong("candidate"), help: "A model to consider (repeatable).")
    var candidates: [String] = []

    @Option(help: "Consider the models of this set.")
    var set: String?

    @Option(help: "The prompt's tag: code, math, writing, data, translation or chat (default: guessed from the prompt).")
    var tag: String?

    @Flag(help: "Print every candidate's score breakdown.")
    var explain = false

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The prompt. Piped stdin is appended to it.")
    var prompt: [String] = []

    func validate() throws {
        if let tag, PromptTag(typed: tag) == nil {
            throw ValidationError("--tag must be one of: " + PromptTag.allCases.map(\.rawValue).joined(separator: ", ") + " (got '\(tag)')")
        }
    }

    func run() async throws {
        let context = try CLIContext(connection: connection)
        let text = ([prompt.joined(separator: " ")] + [StandardIO.readPipedInput()].compactMap { $0 })
            .filter { !$0.isEmpty }.joined(separator: "\n")
        guard !text.isEmpty else { throw CLIFailure.usage("give a prompt to route") }
        let ids = try candidateIDs(context)
        let catalog = context.demo ? ((try? await context.client.fetchModels()) ?? [])
            : ((try? await context.catalogCache.catalog(client: context.client))?.models ?? context.cachedCatalog())

        var session = Session(id: SessionID.make(), createdAt: Date(), systemPrompt: context.config.systemPrompt,
                              model: ids[0], settings: context.config.requestSettings)
        session.append(Message(id: "route", parentID: nil, role: .user, content: text, createdAt: Date()))
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: session.currentLeafID), draft: PendingText(),
                                  explicitMaxTokens: nil, maxTokensCap: context.config.maxTokens)
        let guess = PromptTag.classify(text)
        let chosenTag = tag.flatMap(PromptTag.init(typed:)) ?? guess.tag
        let request = RouteRequest(tag: chosenTag, tagReason: tag == nil ? guess.reason : "set with --tag",
                                   promptTokens: CostEstimator.promptTokens(model: ids[0], basis: basis), perRequestCap: context.config.budget.perRequest)
        let builder = RouteCandidates(context: context, catalog: catalog, basis: basis)
        let ratings = Self.ratings(context, tag: chosenTag)
        let measured = Self.measuredSpeed(context)
        var candidates: [RouteCandidate] = []
        for id in ids { candidates.append(await builder.candidate(id, rating: ratings(id), measured: measured[id])) }
        let decision = RouteScorer.decide(candidates, request: request, weights: context.config.route.weights)

        if json {
            StandardIO.out(RouteJSON(decision: decision).render() + "\n")
        } else {
            StandardIO.out(TerminalSanitizer.metadata(decision.line) + "\n")
            if explain { for line in decision.explanation { StandardIO.out("  " + TerminalSanitizer.metadata(line) + "\n") } }
        }
        if decision.choice == nil { throw CLIFailure.request("no candidate can take this prompt") }
    }

    /// Each model's personal rating from the verdicts in prism.db: on the prompt's tag when it
    /// has matches there, else overall; none in demo mode (which keeps no database).
    static func ratings(_ context: CLIContext, tag: PromptTag) -> (String) -> RouteCandidate.Rating? {
        guard !context.demo else { return { _ in nil } }
        let store = MatchStore(paths: context.paths)
        let records: [MatchRecord]
        do {
            records = try store.all()
        } catch {
            StandardIO.error("prism: warning: ratings unavailable: \(TerminalSanitizer.metadata("\(error)"))")
            return { _ in nil }
        }
        for notice in store.database.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") }
        let onTag = Dictionary(Leaderboard.build(records, tag: tag).rows.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let overall = Dictionary(Leaderboard.build(records).rows.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        return { model in
            if let row = onTag[model], row.matches > 0 {
                return .init(value: row.rating, uncertainty: row.uncertainty, matches: row.matches, onTag: true)
            }
            return overall[model].map { .init(value: $0.rating, uncertainty: $0.uncertainty, matches: $0.matches, onTag: false) }
        }
    }

    /// Each model's own medians (time to first token, tokens per second) over the last 30 days
    /// of the reply history; empty in demo mode or when the history cannot be read.
    static func measuredSpeed(_ context: CLIContext) -> [String: StatsGroup] {
        guard !context.demo else { return [:] }
        let history = ReplyHistory(paths: context.paths)
        defer { for notice in history.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") } }
        guard let report = try? history.report(range: .month, now: Date()) else { return [:] }
        return Dictionary(report.models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The models to choose from, in the order the command line, a set, config or the favourites give them.
    func candidateIDs(_ context: CLIContext) throws -> [String] {
        var ids = candidates
        if ids.isEmpty, let set {
            let saved = ModelSetStore(paths: context.paths, demo: context.demo).load()
            let sets = ModelSets(config: context.config, saved: saved)
            guard let found = sets.named(set) else { throw CLIFailure.usage(sets.unknown(set).message) }
            ids = found.models
        }
        if ids.isEmpty { ids = context.config.route.candidates }
        if ids.isEmpty, !context.demo { ids = PreferencesStore(folder: context.paths.state).loadPicker().favourites }
        if ids.isEmpty, context.demo { ids = DemoModel.all.map { $0.id } }
        var seen = Set<String>()
        ids = ids.filter { seen.insert($0).inserted }
        guard ids.count >= 1 else {
            throw CLIFailure.usage("no candidates: name them with --candidate, --set, [route] candidates in config.toml, or star favourites in the picker")
        }
        return ids
    }
}

/// `prism route --json`: the choice, the tag and why, and every candidate's score.
struct RouteJSON {
    var decision: RouteDecision

    func render() -> String {
        func number(_ d: Decimal?) -> Any { d.map { NSDecimalNumber(decimal: $0) } ?? NSNull() }
        let candidates: [[String: Any]] = decision.ranked.map { s in
            [
                "model": s.model, "score": s.total, "quality": s.quality, "cost": s.cost, "speed": s.speed,
                "specialization": s.specialization, "expected_cost": number(s.candidate.expectedCost),
                "worst_cost": number(s.candidate.worstCost), "rating": s.candidate.rating?.value as Any? ?? NSNull(),
                "matches": s.candidate.rating?.matches ?? 0, "ttft_seconds": s.candidate.ttft as Any? ?? NSNull(),
                "tokens_per_second": s.candidate.tokensPerSecond as Any? ?? NSNull(),
                "speed_source": s.candidate.speedSource?.rawValue as Any? ?? NSNull(),
            ]
        }
        let w = decision.weights
        let root: [String: Any] = [
            "model": decision.choice?.model as Any? ?? NSNull(),
            "tag": decision.request.tag.rawValue, "tag_reason": decision.request.tagReason,
            "confidence": decision.confidence.rawValue, "line": decision.line,
            "weights": ["quality": w.quality, "cost": w.cost, "speed": w.speed, "specialization": w.specialization],
            "candidates": candidates,
            "excluded": decision.excluded.map { ["model": $0.model, "reason": $0.reason] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
