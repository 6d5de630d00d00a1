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
        let ask = RouteAsk.prepare(text: text, tag: tag, tagReason: "set with --tag", ids: ids, basis: basis,
                                   perRequestCap: context.config.budget.perRequest, weights: context.config.route.weights,
                                   entry: { catalog.entry(for: $0) })
        let evidence = RouteEvidence(records: Self.records(context), report: Self.monthReport(context))
        // A model the history has not timed gets its providers' published speed (OpenRouter only).
        let cache = context.endpointCache, client = context.client
        let providers = context.config.isOpenRouter || context.demo
        return await evidence.decide(ask, patience: 10) { model in providers ? try? await cache.endpoints(model: model, client: client) : nil }
    }

    /// Every verdict in prism.db, for the ratings; none in demo mode (which keeps no database).
    static func records(_ context: CLIContext) -> [MatchRecord] {
        guard !context.demo else { return [] }
        let store = MatchStore(paths: context.paths)
        defer { for notice in store.database.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") } }
        do {
            return try store.all()
        } catch {
            StandardIO.error("prism: warning: ratings unavailable: \(TerminalSanitizer.metadata("\(error)"))")
            return []
        }
    }

    /// The last 30 days of the reply history (each model's own medians); nil in demo mode or
    /// when the history cannot be read.
    static func monthReport(_ context: CLIContext) -> StatsReport? {
        guard !context.demo else { return nil }
        let history = ReplyHistory(paths: context.paths)
        defer { for notice in history.takeNotices() { StandardIO.error("prism: warning: \(TerminalSanitizer.metadata(notice))") } }
        return try? history.report(range: .month, now: Date())
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
        ids = RouteCandidateList.resolve(named: ids, configured: context.config.route.candidates,
                                         favourites: context.demo ? [] : PreferencesStore(folder: context.paths.state).loadPicker().favourites,
                                         demo: context.demo)
        guard ids.count >= 1 else {
            throw CLIFailure.usage("no candidates: name them with --candidate, --set, [route] candidates in config.toml, or star favourites in the picker")
        }
        return ids
    }
}
