import Foundation
import PrismCore
import PrismTerminal

/// The bottom line: model and provider, tokens, context fill, costs, credits, speed.
///
/// Segments have priorities; on a narrow terminal the least important are dropped
/// whole rather than cut mid-word. Costs are OpenRouter's `usage.cost`; an estimate
/// computed from catalog prices is marked with `~`.
enum StatusBar {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    struct Segment {
        var line: StyledLine
        var priority: Int
        /// May be shortened (with …) instead of dropped when space runs out.
        var shrinkable = false
        /// A shorter form for the columns left (nil when none fits), and its priority, that takes
        /// the segment's place instead of it being dropped.
        var compact: (fit: (Int) -> StyledLine?, priority: Int)?
    }

    static func render(_ state: AppState, session total: CostTally.Totals,
                       bindings: KeyBindings = .defaults, theme: Theme, into frame: inout Frame, rect: Rect) {
        guard !rect.isEmpty else { return }
        let base = theme[.statusBar]
        frame.fill(rect, style: base)
        var left: [Segment] = []
        var right: [Segment] = []
        func seg(_ text: String, _ token: ThemeToken, _ priority: Int) -> Segment {
            Segment(line: StyledLine(text, merged(base, theme[token])), priority: priority)
        }

        if state.demo { left.append(seg(" DEMO ", .demo, 100)) }
        let streams = state.lanes.compactMap(\.stream)
        // A tool turn the budget holds is not doing anything: the held line says why.
        if !streams.isEmpty, state.pausedToolLane == nil {
            let doing = state.isComparing ? "\(streams.count) streaming" : streams[0].phase(at: state.now)
            left.append(seg(" \(spinner[state.spinnerFrame % spinner.count]) \(doing)", .spinner, 95))
        }
        let last = lastReply(state)
        let model = state.session.model ?? "no model: \(bindings.name(.togglePicker))"
        var modelText = " " + model
        if state.isRouted {
            modelText = " route" + (state.session.model.map { " (last: \($0))" } ?? "")
        } else if let models = state.comparedModels {
            modelText = " compare \(state.focusedLane + 1)/\(models.count): \(models[state.focusedLane])"
        } else if let provider = last?.provider, last?.modelServed == state.session.model || last?.modelServed == nil {
            modelText += " via \(provider)"
        } else if let served = last?.modelServed, served != state.session.model {
            modelText += " (last: \(served))"
        }
        var modelSegment = seg(modelText, .statusBarText, 90)
        modelSegment.shrinkable = true
        left.append(modelSegment)
        if let badge = routingBadge(state, width: rect.width / 3) {
            // In full it gives way to every figure but speed and today's spend; shortened to the room
            // left (down to its count, "⇄+4") it stays over token counts, and still goes before any
            // cost or credit figure.
            let style = merged(base, theme[.accent])
            let fit: (Int) -> StyledLine? = { width in routingBadge(state, width: width).map { StyledLine($0, style) } }
            left.append(Segment(line: StyledLine(badge, style), priority: 45, compact: (fit, 66)))
        }
        if let web = webText(state) { left.append(seg(web, .accent, 75)) }
        if let chain = fallbackText(state, width: rect.width) { left.append(seg(chain, .statusBarText, fallbackPriority)) }
        if let origin = state.session.forkedFrom {
            left.append(seg("fork of \(TerminalSanitizer.sanitize(origin.title.isEmpty ? origin.sessionID : origin.title))", .statusBarText, 45))
        }

        if let usage = last?.usage {
            let tin = usage.promptTokens.map(Formatting.tokens) ?? "?"
            let tout = usage.completionTokens.map(Formatting.tokens) ?? "?"
            right.append(seg("↑\(tin) ↓\(tout)", .tokens, 60))
            let info = state.model(ofLane: state.focusedLane).flatMap(state.catalogEntry)
            if let prompt = usage.promptTokens, let context = info?.contextLength, context > 0 {
                right.append(seg("ctx \(min(999, prompt * 100 / context))%", .tokens, 40))
            }
        }
        if let timings = last?.timings {
            var speed: [String] = []
            if let ttft = timings.ttftMs { speed.append("ttft \(Formatting.duration(ms: ttft))") }
            if let rate = Formatting.rate(timings, completionTokens: last?.usage?.completionTokens) { speed.append(rate) }
            if !speed.isEmpty { right.append(seg(speed.joined(separator: " "), .statusBarText, 30)) }
        }
        // The reply's cost: a tool turn's is every round's (tokens and context above are the last request's).
        if let usage = last?.turnUsage { right.append(seg(Formatting.cost(usage), .cost, 80)) }
        if let cache = cacheTexts(state) {
            right.append(seg(cache.tokens, .tokens, 65))
            if let saved = cache.saved { right.append(seg(saved, .cost, 61)) }
        }
        if let session = sessionCacheSegment(state, total, base: base, theme: theme) { right.append(session) }
        if total.known {
            // "≥" when some reply's cost is unknown (no figure from the server, or a lookup still out).
            let bound = total.unknown > 0 ? "≥" : total.estimated ? "~" : ""
            right.append(seg("session \(bound)\(Formatting.usd(total.cost))", .cost, 70))
        }
        if let budget = budgetSegment(state, base: base, theme: theme) {
            right.append(budget)
        } else if state.spentToday > 0 {
            right.append(seg("today \(Formatting.usd(state.spentToday))", .cost, 35))
        }
        if let balance = state.balance ?? state.credits.flatMap(Balance.keyLimit) {
            let low = state.creditFloor.map { balance.remaining < $0 } ?? false
            right.append(seg(balance.shortText, low ? .warning : .statusBarText, low ? 85 : 50))
        }
        if let free = freeSegmentText(state) {
            right.append(seg(free.text, free.near ? .warning : .statusBarText, free.near ? 86 : 78))
        }

        // A held send's line stays until it is answered.
        if let notice = state.budgetHold.map({ Notice($0.line(fitting: rect.width - 3), kind: .error, expires: .distantFuture) }) ?? state.notice {
            left = left.filter { $0.priority >= 95 }
            var noticeSegment = seg(" " + notice.text, notice.kind == .error ? .error : .accent, 99)
            noticeSegment.shrinkable = true // a long notice is cut with …, never dropped whole
            left.append(noticeSegment)
            right = right.filter { $0.priority >= 80 }
        }
        layOut(left: left, right: right, in: rect, base: base, into: &frame)
    }

    /// The focused model's effective routing in a few words, when any is set (config, its saved
    /// choice, or flags: the layers `ChatRequest.build` applies); nil when routing is OpenRouter's default.
    static func routingBadge(_ state: AppState, width: Int) -> String? {
        guard let model = state.model(ofLane: state.focusedLane) else { return nil }
        return state.routing.preferences(for: model, base: state.session.settings.provider)?.badge(fitting: width)
    }

    /// "free 37/50 today" while the focused model is free: requests to free models today (every
    /// Prism process, from the ledger) against the account's daily limit, in the warning
    /// colour from 80 % of it.
    static func freeSegmentText(_ state: AppState) -> (text: String, near: Bool)? {
        guard !state.demo, let model = state.model(ofLane: state.focusedLane),
              FreeTier.isFree(model: model, pricing: state.catalogEntry(model)?.pricing) else { return nil }
        let limit = FreeTier.dailyLimit(isFreeTier: state.credits?.isFreeTier)
        let used = state.spend.freeRequestsToday
        return (FreeTier.statusText(today: used, limit: limit), limit.map { used * 5 >= $0 * 4 } ?? false)
    }

    /// "$1.2/$2 today · $14/$30 mo" while a daily or monthly cap is set, in the warning
    /// colour once either is past `warn_at` (spent plus reserved, as the policy counts it).
    static func budgetSegment(_ state: AppState, base: Style, theme: Theme) -> Segment? {
        let caps = state.budget
        var parts: [String] = []
        var warn = false
        for (cap, committed, word) in [(caps.daily, state.spend.committedToday, "today"), (caps.monthly, state.spend.committedMonth, "mo")] {
            guard let cap else { continue }
            parts.append("\(Formatting.usd(committed))/\(Formatting.usd(cap)) \(word)")
            if committed >= cap * caps.warnAt { warn = true }
        }
        guard !parts.isEmpty else { return nil }
        return Segment(line: StyledLine(parts.joined(separator: " · "), merged(base, theme[warn ? .warning : .cost])), priority: 85)
    }

    /// Drops the lowest-priority segments until everything fits on one line.
    private static func layOut(left: [Segment], right: [Segment], in rect: Rect, base: Style, into frame: inout Frame) {
        var l = left, r = right
        let separator = " │ "
        func width(_ segs: [Segment]) -> Int {
            segs.reduce(0) { $0 + DisplayWidth.of($1.line.text) } + max(0, segs.count - 1) * 3
        }
        while width(l) + width(r) + 2 > rect.width, !(l.isEmpty && r.isEmpty) {
            // Shorten a shrinkable segment first, down to a useful minimum.
            if let i = l.firstIndex(where: \.shrinkable), r.isEmpty || r.allSatisfy({ $0.priority > l[i].priority }) {
                let excess = width(l) + width(r) + 2 - rect.width
                let current = DisplayWidth.of(l[i].line.text)
                if current - excess >= 12 {
                    let style = l[i].line.spans.first?.style ?? base
                    l[i].line = StyledLine(l[i].line.text.truncated(to: current - excess), style)
                    continue
                }
            }
            // A segment with a shorter form takes it instead of going: the room left now, or the
            // shortest form, while lower segments may still go.
            func compacted(_ seg: inout Segment, room: Int) -> Bool {
                guard let compact = seg.compact else { return false }
                seg.compact = nil
                guard let line = compact.fit(max(3, room + DisplayWidth.of(seg.line.text))) else { return false }
                seg.line = line
                seg.priority = compact.priority
                return true
            }
            let room = rect.width - (width(l) + width(r) + 2)
            let lMin = l.enumerated().min { $0.element.priority < $1.element.priority }
            let rMin = r.enumerated().min { $0.element.priority < $1.element.priority }
            if let rm = rMin, rm.element.priority <= (lMin?.element.priority ?? Int.max) {
                if compacted(&r[rm.offset], room: room) { continue }
                r.remove(at: rm.offset)
            } else if let lm = lMin, l.count > 1 || r.isEmpty {
                if l.count == 1 { break }
                if compacted(&l[lm.offset], room: room) { continue }
                l.remove(at: lm.offset)
            } else {
                break
            }
        }
        var x = rect.x
        for (i, s) in l.enumerated() {
            if i > 0 { x = frame.put(separator, at: Point(x: x, y: rect.y), style: base, clip: rect) }
            x = frame.put(s.line, at: Point(x: x, y: rect.y), clip: rect)
        }
        var line = StyledLine()
        for (i, s) in r.enumerated() {
            if i > 0 { line.append(separator, base) }
            line.spans += s.line.spans
        }
        line.append(" ", base)
        if !r.isEmpty { frame.putRight(line, row: rect.y, in: Rect(x: max(x, rect.x), y: rect.y, width: rect.maxX - max(x, rect.x), height: 1)) }
    }

    /// The newest reply on the current branch.
    static func lastReply(_ state: AppState) -> Message? {
        state.session.lastReply(inLane: state.focusedLane)
    }

    /// A token's colours on the status bar background (tokens without a background keep the bar's).
    static func merged(_ base: Style, _ token: Style) -> Style {
        var s = token
        if s.background == .default { s.background = base.background }
        if s.foreground == .default { s.foreground = base.foreground }
        return s
    }
}
