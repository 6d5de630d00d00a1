import Foundation
import PrismCore

/// How `prism route` and `prism ask --route` choose: the candidates, each one's rating,
/// measured speed and estimate for this prompt, then `RouteScorer`.
enum RoutePlanner {
    /// The decision for `text` among `candidates` (tag: the user's, else the classifier's guess).
    static func decide(_ context: CLIContext, text: String, candidates ids: [String], tag: PromptTag?) async -> RouteDecision {
        let catalog = context.demo ? ((try? await context.client.fetchModels()) ?? [])
            : ((try? await context.catalogCache.catalog(client: context.client))?.models ?? context.cachedCatalog())
        var session = Session(id: SessionID.make(), createdAt: Date(), systemPrompt: context.config.systemPrompt,
                              model: ids[0], settings: context.config.requestSettings)
        session.append(Message(id: "route", parentID: nil, role: .user, content: text, createdAt: Date()))
        let basis = EstimateBasis(thread: ThreadEstimate(session: session, upTo: session.currentLeafID), draft: PendingText(),
                                  explicitMaxTokens: nil, maxTokensCap: context.config.maxTokens)
        let guess = PromptTag.classify(text)
        let chosenTag = tag ?? guess.tag
        let request = RouteRequest(tag: chosenTag, tagReason: tag == nil ? guess.reason : "set with --tag",
                                   promptTokens: CostEstimator.promptTokens(model: ids[0], basis: basis),
                                   perRequestCap: context.config.budget.perRequest)
        let builder = RouteCandidates(context: context, catalog: catalog, basis: basis)
        let ratings = Self.ratings(context, tag: chosenTag)
        let measured = Self.measuredSpeed(context)
        var candidates: [RouteCandidate] = []
        for id in ids { candidates.append(await builder.candidate(id, rating: ratings(id), measured: measured[id])) }
        return RouteScorer.decide(candidates, request: request, weights: context.config.route.weights)
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
    static func candidateIDs(_ context: CLIContext, explicit candidates: [String], set: String?) throws -> [String] {
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
