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
        let ids = try RoutePlanner.candidateIDs(context, explicit: candidates, set: set)
        let decision = await RoutePlanner.decide(context, text: text, candidates: ids, tag: tag.flatMap(PromptTag.init(typed:)))

        if json {
            StandardIO.out(RouteJSON(decision: decision).render() + "\n")
        } else {
            StandardIO.out(TerminalSanitizer.metadata(decision.line) + "\n")
            if explain { for line in decision.explanation { StandardIO.out("  " + TerminalSanitizer.metadata(line) + "\n") } }
        }
        if decision.choice == nil { throw CLIFailure.request("no candidate can take this prompt") }
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
