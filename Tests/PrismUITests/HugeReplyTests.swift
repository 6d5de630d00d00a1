import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// A reply is cut into blocks no longer than the split limits and laid out in pieces,
/// only where it is shown. These check that the cut, pieced, lazily laid-out forms draw
/// exactly what the whole forms draw.
@Suite("Huge replies are laid out lazily and draw what an eager layout draws")
struct HugeReplyTests {
    static let small = MarkdownSplitLimits(block: 90, line: 24)

    /// Text with every kind of block, some of them far over `small`'s limits.
    static func text(_ rng: inout SeededGenerator) -> String {
        let words = ["alpha", "**bold**", "`code`", "東京", "👩‍💻", "word", "*em*", "[link](https://x.y)", "e\u{301}", "~~s~~", "x"]
        func run(_ n: Int) -> String { (0..<n).map { _ in words.randomElement(using: &rng)! }.joined(separator: " ") }
        var out = ""
        for _ in 0..<Int.random(in: 4...9, using: &rng) {
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: out += run(Int.random(in: 1...60, using: &rng)) + "\n\n"  // a long line
            case 1: out += (0..<Int.random(in: 1...12, using: &rng)).map { _ in run(4) }.joined(separator: "\n") + "\n\n"
            case 2: out += "```swift\n" + (0..<Int.random(in: 1...20, using: &rng)).map { _ in "let v = \"\(run(3))\" // c" }.joined(separator: "\n") + "\n```\n\n"
            case 3: out += (1...Int.random(in: 1...6, using: &rng)).map { "\($0). " + run(Int.random(in: 1...14, using: &rng)) + "\n   more \(run(2))" }.joined(separator: "\n") + "\n\n"
            case 4: out += "| a | b |\n|---|--:|\n" + (0..<Int.random(in: 1...14, using: &rng)).map { _ in "| \(run(2)) | \(run(1)) |" }.joined(separator: "\n") + "\n\n"
            case 5: out += (0..<Int.random(in: 1...8, using: &rng)).map { _ in "> " + run(5) }.joined(separator: "\n") + "\n\n"
            case 6: out += "# " + run(Int.random(in: 1...12, using: &rng)) + "\n"
            default: out += String(repeating: "x", count: Int.random(in: 1...200, using: &rng)) + "\n"
            }
        }
        return out
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func cutBlocksAndLinesStreamLikeTheWholeText(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let text = Self.text(&rng)
        let scalars = Array(text.unicodeScalars)
        var doc = MarkdownDocument(limits: Self.small, pieceBytes: 150, cachedLines: 40)
        let renderer = MarkdownRenderer(theme: MD.theme)
        var prefix = String.UnicodeScalarView()
        var i = 0, step = 0
        while i < scalars.count {
            let n = min(scalars.count - i, Int.random(in: 1...30, using: &rng))
            var delta = String.UnicodeScalarView()
            delta.append(contentsOf: scalars[i..<(i + n)])
            doc.append(String(delta))
            prefix.append(contentsOf: delta)
            i += n
            step += 1
            let width = [13, 40][step % 2]
            let expected = renderer.render(text: String(prefix), width: width, limits: Self.small)
            #expect(doc.allLines(width: width, theme: MD.theme) == expected, "seed \(seed) step \(step) width \(width)")
            MD.expectFits(expected, width: width)
        }
        // Every block respects the limits: at most a block's worth plus one line's.
        let splitter = MarkdownBlockSplitter(text: text, limits: Self.small)
        for block in splitter.blocks { #expect(block.range.count <= Self.small.block + Self.small.line) }
        #expect(splitter.blocks.contains { $0.head != nil }, "the text is long enough to cut")
        // Read piece by piece, out of order, with a budget smaller than the whole: the same lines.
        let all = doc.allLines(width: 40, theme: MD.theme)
        var pieces: [[StyledLine]] = Array(repeating: [], count: doc.pieceCount)
        for k in (0..<doc.pieceCount).reversed() { pieces[k] = doc.lines(piece: k, width: 40, theme: MD.theme) }
        #expect(pieces.flatMap { $0 } == all)
        #expect(doc.linesKept.allSatisfy { $0 <= 40 + all.count / max(1, doc.pieceCount) + 200 })
    }

    @Test func textUnderTheLimitsIsNotCut() {
        let text = MarkdownDocumentTests.reply
        let cut = MarkdownBlockSplitter(text: text)
        #expect(cut.blocks.allSatisfy { $0.head == nil })
        #expect(MarkdownRenderer.render(text: text, width: 50, theme: MD.theme)
            == MarkdownRenderer(theme: MD.theme).render(text: text, width: 50, limits: MarkdownSplitLimits(block: 1 << 40, line: 1 << 40)))
    }

    @Test func aLongLineIsCutAfterASpaceTheSameWayHoweverItArrives() {
        let line = String(repeating: "word ", count: 40) + String(repeating: "é", count: 30)
        let whole = MarkdownBlockSplitter(text: line, limits: Self.small)
        var streamed = MarkdownBlockSplitter(limits: Self.small)
        for ch in line { streamed.append(String(ch)) }
        #expect(whole.blocks == streamed.blocks)
        // Cuts fall after spaces, or between characters, never inside a UTF-8 sequence.
        for block in whole.blocks {
            let source = whole.source(of: block)
            #expect(!source.contains("\u{FFFD}"))
        }
        #expect(whole.blocks.count > 1)
    }

    @Test func theByteScanForControlsAgreesWithTheSanitizer() {
        var rng = SeededGenerator(seed: 17)
        let alphabet: [String] = ["a", "\n", "\t", "\u{1B}", "\u{07}", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "é", "東", "👩‍💻", "\r", "\u{80}", "Ā"]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            #expect(MessageBodies.needsSanitizing(text) == (TerminalSanitizer.sanitize(text) != text), "\(text.debugDescription)")
        }
    }

    @Test func aCutCodeBlockKeepsItsLanguageAndHasOneHeader() {
        let code = "```swift\n" + (0..<40).map { "let value\($0) = \($0) // note" }.joined(separator: "\n") + "\n```\n"
        let lines = MarkdownRenderer(theme: MD.theme).render(text: code, width: 60, limits: MarkdownSplitLimits(block: 200, line: 64))
        let whole = MarkdownRenderer.render(text: code, width: 60, theme: MD.theme)
        #expect(lines.map(\.text) == whole.map(\.text), "a code block cut between lines shows the same rows")
        #expect(lines.filter { $0.text.hasPrefix(" swift") }.count == 1)
        #expect(MD.style(of: "let", in: lines) == MD.style(of: "let", in: whole))
    }

    // MARK: - The transcript

    /// A session whose last reply is `units` copies of a markdown section.
    static func session(units: Int, streaming: Bool = false) -> Session {
        var s = UIFixtures.session()
        s.append(Message(id: "u9", parentID: "a1", role: .user, content: "All of it, please.", createdAt: UIFixtures.epoch))
        let unit = UIFixtures.reply + "\n\nAnd a paragraph after the block, 続き, long enough to wrap on a narrow screen.\n\n"
        var reply = Message(id: "a9", parentID: "u9", role: .assistant, content: String(repeating: unit, count: units),
                            createdAt: UIFixtures.epoch)
        reply.modelServed = "anthropic/claude-sonnet-4.5"
        reply.status = streaming ? .streaming : .complete
        s.append(reply)
        return s
    }

    static func frame(_ state: inout AppState, _ layout: TranscriptLayout, _ theme: Theme) -> String {
        var frame = Frame(size: state.size, fill: .blank(theme[.background]))
        TranscriptPane.render(&state, lane: 0, layout: layout, theme: theme, into: &frame, rect: Rect(size: state.size))
        return FrameSnapshot.text(of: frame, styles: .automatic)
    }

    @Test func aHugeReplyShowsTheSameRowsAsASmallOneAtBothEnds() {
        let theme = UIFixtures.theme()
        let size = Size(width: 70, height: 30)
        var small = AppState(size: size, session: Self.session(units: 12), demo: false, theme: "dark", now: UIFixtures.epoch)
        var huge = AppState(size: size, session: Self.session(units: 1_500), demo: false, theme: "dark", now: UIFixtures.epoch)
        let smallLayout = TranscriptLayout(), hugeLayout = TranscriptLayout(lineBudget: 2_000)
        #expect(Self.frame(&huge, hugeLayout, theme) == Self.frame(&small, smallLayout, theme), "the bottom")
        let blocks = MarkdownBlockSplitter(text: huge.session.messages.last!.content).finishedBlocks.count
        #expect(hugeLayout.blocksRendered(for: "a9") < blocks / 10, "only the end was laid out")
        small.lane.view.pendingScroll = [.top]
        huge.lane.view.pendingScroll = [.top]
        for page in 0..<6 {
            #expect(Self.frame(&huge, hugeLayout, theme) == Self.frame(&small, smallLayout, theme), "page \(page) from the top")
            small.lane.view.pendingScroll = [.pages(1)]
            huge.lane.view.pendingScroll = [.pages(1)]
        }
        // Deep into the middle and back to the end: the budget holds and the end is unchanged.
        for _ in 0..<300 {
            huge.lane.view.pendingScroll = [.pages(1)]
            _ = Self.frame(&huge, hugeLayout, theme)
        }
        #expect(hugeLayout.linesKept <= 2_000)
        huge.lane.view.pendingScroll = [.bottom]
        small.lane.view.pendingScroll = [.bottom]
        #expect(Self.frame(&huge, hugeLayout, theme) == Self.frame(&small, smallLayout, theme))
    }

    @Test(arguments: [Size(width: 70, height: 24), Size(width: 33, height: 12)])
    func manySmallPartsScrollAndStreamLikeWholeMessages(size: Size) {
        let theme = UIFixtures.theme()
        var session = Self.session(units: 8, streaming: true)
        let lines = (0..<40).map { "line \($0) of a pasted prompt 東京" }.joined(separator: "\n")
        session.append(Message(id: "u10", parentID: "a9", role: .user, content: lines, createdAt: UIFixtures.epoch))
        var reply = Message(id: "a10", parentID: "u10", role: .assistant, content: "", createdAt: UIFixtures.epoch)
        reply.status = .streaming
        session.append(reply)
        var whole = AppState(size: size, session: session, demo: false, theme: "dark", now: UIFixtures.epoch)
        whole.lanes[0].stream = StreamState(requestID: 1, messageID: "a10", startedAt: UIFixtures.epoch)
        var parts = whole
        let wholeLayout = TranscriptLayout(pieces: .init(bytes: 1 << 40, plainBytes: 1 << 40))
        let partsLayout = TranscriptLayout(pieces: .init(bytes: 120, cachedLines: 30, plainBytes: 100), lineBudget: 100)
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        let intents: [[TranscriptViewState.ScrollIntent]] = [
            [], [.pages(-1)], [.pages(-1)], [.lines(-5)], [.pages(-3)], [.lines(4)], [.top], [.pages(1)], [.lines(1)],
            [.pages(2)], [.message("a9")], [.lines(-1)], [.pages(1), .pages(1)], [.bottom], [.pages(-2)], [.pages(-40)],
            [.pages(40)], [.lines(-3)],
        ]
        let chunk = UIFixtures.reply + "\n\nmore, 続き\n\n"
        for (step, intent) in intents.enumerated() {
            whole.lane.view.pendingScroll = intent
            parts.lane.view.pendingScroll = intent
            #expect(Self.frame(&parts, partsLayout, theme) == Self.frame(&whole, wholeLayout, theme), "step \(step) \(intent)")
            #expect((parts.lane.view.anchor == nil) == (whole.lane.view.anchor == nil))
            for piece in [chunk.prefix(37), chunk.dropFirst(37)] {
                for state in [0, 1] {
                    if state == 0 {
                        _ = Reducer.reduce(&whole, .completion(requestID: 1, event: .contentDelta(String(piece))), env)
                    } else {
                        _ = Reducer.reduce(&parts, .completion(requestID: 1, event: .contentDelta(String(piece))), env)
                    }
                }
                #expect(Self.frame(&parts, partsLayout, theme) == Self.frame(&whole, wholeLayout, theme), "step \(step) while streaming")
            }
        }
        #expect(partsLayout.partCount(of: "a9", in: parts.session, theme: theme) > 10)
        #expect(partsLayout.partCount(of: "u10", in: parts.session, theme: theme) > 5)
        #expect(partsLayout.linesKept <= 100 + 60)
    }
}
