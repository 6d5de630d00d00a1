import Foundation

/// The reply history in `prism.db` (table `replies`): every finished reply of every front
/// end, kept for `prism stats`, the analytics view and the leaderboard.
///
/// `record` is the one write a front end makes when a reply ends: the reply's row and its
/// route health outcome go in one transaction, so the two never disagree and a reply is
/// never recorded twice by two paths.
public final class ReplyHistory: @unchecked Sendable {
    public let health: RouteHealth
    /// Keep prompt text (`[history] keep_prompts`); otherwise a record's `promptText` is dropped here.
    public let keepPrompts: Bool
    public var database: DatabaseHandle { health.database }

    public init(health: RouteHealth, keepPrompts: Bool = false) {
        self.health = health
        self.keepPrompts = keepPrompts
    }

    /// In Prism's state folder (`prism.db`).
    public convenience init(paths: PrismPaths, settings: HealthSettings = HealthSettings(), keepPrompts: Bool = false) {
        self.init(health: RouteHealth(paths: paths, settings: settings), keepPrompts: keepPrompts)
    }

    public func takeNotices() -> [String] { database.takeNotices() }

    /// Adds the reply's row and its health outcome, in one transaction.
    public func record(_ record: ReplyRecord) throws {
        try database.write { db in
            var kept = record
            if !keepPrompts { kept.promptText = nil }
            try db.prepare(Self.insertSQL).bind(Self.values(kept, pid: health.pid)).run()
            try RouteHealth.insert(record.outcome, pid: health.pid, into: db)
        }
    }

    /// Sets the compare verdict of the reply `replyID` (nil clears it); false when no such reply is recorded.
    @discardableResult
    public func setCompareOutcome(replyID: String, _ outcome: ReplyRecord.CompareOutcome?) throws -> Bool {
        try database.write { db in
            try db.prepare("UPDATE replies SET compare_outcome = ?2 WHERE reply_id = ?1")
                .bind([.text(replyID), outcome.map { .text($0.rawValue) } ?? .null]).run()
            return db.changes > 0
        }
    }

    /// Fills in the cost of `replyID` learnt after it was recorded (OpenRouter's `/generation` record).
    @discardableResult
    public func setCost(replyID: String, _ cost: Decimal, source: CostSource) throws -> Bool {
        let pico = try Money.pico(cost)
        return try database.write { db in
            try db.prepare("UPDATE replies SET cost_pico = ?2, cost_source = ?3 WHERE reply_id = ?1")
                .bind([.text(replyID), .int(pico), .text(source.rawValue)]).run()
            return db.changes > 0
        }
    }

    /// How many replies are recorded.
    public func count() throws -> Int {
        try database.read { db in Int(try db.scalarInt("SELECT count(*) FROM replies") ?? 0) }
    }

    static let insertSQL = """
        INSERT INTO replies (created_at, reply_id, session_id, round_id, lane, source, model_asked, model_served, provider,
            variant, prompt_tokens, completion_tokens, reasoning_tokens, cached_tokens, cost_pico, cost_source, ttft_ms,
            duration_ms, tokens_per_second, finish_reason, error_kind, error_status, error_message, tag, tag_source,
            compare_outcome, prompt_text, pid)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23,
            ?24, ?25, ?26, ?27, ?28)
        """

    static func values(_ r: ReplyRecord, pid: Int32) throws -> [SQLiteStatement.Value] {
        func text(_ s: String?) -> SQLiteStatement.Value { s.map { .text($0) } ?? .null }
        func int(_ i: Int?) -> SQLiteStatement.Value { i.map { .int(Int64($0)) } ?? .null }
        let cost: SQLiteStatement.Value = try r.cost.map { .int(try Money.pico($0)) } ?? .null
        return [.int(RouteHealth.millis(r.at)), text(r.replyID), text(r.sessionID), text(r.roundID), int(r.lane),
                .text(r.source.rawValue), .text(r.modelAsked), text(r.modelServed), text(r.provider), text(r.variant),
                int(r.promptTokens), int(r.completionTokens), int(r.reasoningTokens), int(r.cachedTokens), cost,
                text(r.cost == nil ? nil : r.costSource?.rawValue), int(r.ttftMs), int(r.durationMs),
                r.tokensPerSecond.map { .real($0) } ?? .null, text(r.finishReason), text(r.errorKind), int(r.errorStatus),
                text(r.errorMessage), text(r.tag?.rawValue), text(r.tag == nil ? nil : (r.tagByUser ? "user" : "rule")),
                text(r.compareOutcome?.rawValue), text(r.promptText), .int(Int64(pid))]
    }
}
