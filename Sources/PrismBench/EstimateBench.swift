import Foundation
import PrismCore
import PrismUI

/// Issue 11's preview benchmark: the cost of the draft recomputed for 400 catalog models on
/// each keystroke, the draft continuing a 2,000-message thread.
///
/// Per keystroke the app counts the draft and prices every model against the thread's
/// estimate, which is worked out once per leaf (timed separately, as "new leaf").
enum EstimateBench {
    static let target = 0.001

    static func run() {
        let session = thread(messages: 2_000)
        let catalog = models(400)
        var table = Table("Cost preview: 400 models per keystroke, 2,000-message thread",
                          headers: ["Case", "Samples", "Median", "p90", "Max", "Target ≤ 1 ms"])
        let leaf = session.currentLeafID
        // Interleaved, so the machine's drift touches all three alike.
        let leafWork = (try? Measure.interleaved(runs: 31, [
            { blackHole(ThreadEstimate(session: session, upTo: leaf)) },
            { blackHole(session.branch(endingAt: leaf).count) },
            { blackHole(ChatRequest.messages(for: session, upTo: leaf).count) },
        ])) ?? []
        if leafWork.count == 3 {
            add(&table, "new leaf: thread estimate (exact part, calibration, pending text)", leafWork[0], target: false)
            add(&table, "    of which: the branch walk (Session.branch)", leafWork[1], target: false)
            add(&table, "    for scale: ChatRequest.messages, as a send builds them", leafWork[2], target: false)
        }

        let thread = ThreadEstimate(session: session, upTo: leaf)
        var draft = "Could you compare these two approaches and say which is cheaper to run"
        var total: Decimal = 0
        let keystroke = Measure.repeated(runs: 2_000) {
            draft.append("x")
            let basis = EstimateBasis(thread: thread, draft: PendingText(message: draft), explicitMaxTokens: nil, maxTokensCap: 4096)
            for model in catalog {
                let estimate = CostEstimator.estimate(model: model.id, info: model, basis: basis)
                if let worst = estimate.worstCase { total += worst }
            }
        }
        blackHole(total)
        add(&table, "keystroke: count the draft, price 400 models", keystroke, target: true)

        var picker = ModelPickerState()
        picker.sort = .estimate
        var sortDraft = "a"
        let sorted = Measure.repeated(runs: 200) {
            sortDraft.append("y")
            let basis = EstimateBasis(thread: thread, draft: PendingText(message: sortDraft), explicitMaxTokens: nil, maxTokensCap: 4096)
            blackHole(picker.visibleModels(in: catalog, basis: basis).count)
        }
        add(&table, "picker: order 400 models by the estimate (new draft)", sorted, target: false)

        // The one catalog lookup (`entry(for:)`, a scan) for the last model's id, as listed and as a derived variant.
        let last = catalog[catalog.count - 1].id
        // For scale, the scan every caller wrote before (`first { $0.id == id }`), which found no variant.
        let lookups = (try? Measure.interleaved(runs: 2_000, [
            { blackHole(catalog.first { $0.id == last }) },
            { blackHole(catalog.entry(for: last)) },
            { blackHole(catalog.entry(for: last + ":nitro")) },
        ])) ?? []
        if lookups.count == 3 {
            add(&table, "lookup before: first { $0.id == id }, the last of 400", lookups[0], target: true)
            add(&table, "lookup: entry(for:), the same id", lookups[1], target: true)
            add(&table, "lookup: entry(for:), the id with :nitro (two scans, derived)", lookups[2], target: true)
        }
        table.note("Thread: 1,000 prompts and replies, usage on every reply but the last 10; catalog of 400 priced models.")
        table.print()
    }

    private static func add(_ table: inout Table, _ label: String, _ s: Samples, target: Bool) {
        table.add([label, "\(s.count)", Format.ms(s.median), Format.ms(s.p90), Format.ms(s.max),
                   target ? (s.p90 <= Self.target ? "yes" : "no") : ""])
    }

    /// Prompts and replies taking turns, a few hundred bytes each; the last 10 replies carry no usage.
    static func thread(messages: Int) -> Session {
        var session = Session(id: "bench", createdAt: Date(timeIntervalSince1970: 0), systemPrompt: "Be concise.", model: "openai/gpt-5-mini")
        var parent: String?
        var prompt = 40
        for i in 0..<messages {
            let id = "m\(i)"
            let user = i % 2 == 0
            var m = Message(id: id, parentID: parent, role: user ? .user : .assistant,
                            content: String(repeating: user ? "question " : "answer words ", count: user ? 20 : 40),
                            createdAt: Date(timeIntervalSince1970: Double(i)))
            if !user {
                m.status = .complete
                prompt += 60
                if i < messages - 20 { m.usage = TokenUsage(promptTokens: prompt, completionTokens: 120) }
                prompt += 120
            }
            session.append(m)
            parent = id
        }
        return session
    }

    static func models(_ count: Int) -> [ModelInfo] {
        let vendors = ["openai", "anthropic", "google", "meta-llama", "mistralai", "qwen", "deepseek", "someone"]
        return (0..<count).map { (i: Int) -> ModelInfo in
            let prompt: Decimal = Decimal(i % 40 + 1) / Decimal(10_000_000)
            let completion: Decimal = Decimal(i % 25 + 1) / Decimal(1_000_000)
            let request: Decimal? = i % 17 == 0 ? Decimal(string: "0.0005") : nil
            let limit: Int? = i % 3 == 0 ? 8192 : nil
            return ModelInfo(id: "\(vendors[i % vendors.count])/model-\(i)",
                             pricing: ModelPricing(prompt: prompt, completion: completion, request: request), maxCompletionTokens: limit)
        }
    }
}
