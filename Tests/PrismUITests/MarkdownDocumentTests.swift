import PrismTerminal
import Testing
@testable import PrismUI

@Suite("Markdown document (incremental)")
struct MarkdownDocumentTests {
    static let reply = """
    # Setting up the cache

    Here is how the **cache** works, with *emphasis*, `inline code` and a [link](https://example.com/docs).
    Each finished block is laid out once — 你好世界, emoji 🎉 and cafe\u{301} included.

    ## Steps

    1. Install the tool:

       ```bash
       brew install prism # the tool
       export PRISM_HOME=$HOME/.prism
       ```
    2. Write the config
       - nested item with a long line of text that wraps at narrow widths
       - [x] a done task
    3. Run it

    ```swift
    /// A cache keyed by width.
    struct Cache {
        let width: Int
        func lines(for text: String) -> [String] { return text.split(separator: "\\n").map(String.init) }
    }
    ```

    | Width | Cached | 说明 |
    |------:|:------:|------|
    | 80 | yes | 宽度八十 |
    | 40 | yes | a much longer note that has to wrap in its column |

    > Only the *tail* is re-rendered.
    > > Nested quote with `code`.

    ---

    Done. See <https://example.com>.
    ~~~python
    def unfinished():
        return "fence left open"
    """

    /// Feeds the reply in random chunks (split between Unicode scalars, as a stream may) and
    /// compares the document with a one-shot render of the same prefix after every chunk.
    @Test(arguments: [1, 2, 3, 4])
    func chunkedFeedMatchesOneShotRenderAtEveryStep(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let scalars = Array(Self.reply.unicodeScalars)
        var doc = MarkdownDocument()
        var prefix = String.UnicodeScalarView()
        var i = 0
        var step = 0
        while i < scalars.count {
            let n = min(scalars.count - i, Int.random(in: 1...(seed == 1 ? 3 : 24), using: &rng))
            var delta = String.UnicodeScalarView()
            delta.append(contentsOf: scalars[i..<(i + n)])
            doc.append(String(delta))
            prefix.append(contentsOf: delta)
            i += n
            step += 1
            let width = [40, 80][step % 2]
            let expected = MarkdownRenderer.render(text: String(prefix), width: width, theme: MD.theme)
            #expect(doc.lines(width: width, theme: MD.theme) == expected, "step \(step) width \(width)")
            MD.expectFits(expected, width: width)
        }
        #expect(doc.text == Self.reply)
        // Two widths alternate, both kept: every finished block rendered exactly once per width.
        #expect(doc.finishedRenderCount == 2 * doc.finishedBlocks.count)
        #expect(doc.finishedBlocks.count > 10)
    }

    @Test func finishedBlocksRenderOnceAndOnlyTheTailAgain() {
        var doc = MarkdownDocument()
        for char in Self.reply {
            doc.append(String(char))
            _ = doc.lines(width: 60, theme: MD.theme)
        }
        #expect(doc.finishedRenderCount == doc.finishedBlocks.count)
        // Asking again without new text renders nothing at all.
        let (finished, pending) = (doc.finishedRenderCount, doc.pendingRenderCount)
        _ = doc.lines(width: 60, theme: MD.theme)
        #expect(doc.finishedRenderCount == finished && doc.pendingRenderCount == pending)
        // Text inside the open fence re-renders only the tail.
        doc.append("\n    pass")
        _ = doc.lines(width: 60, theme: MD.theme)
        #expect(doc.finishedRenderCount == finished && doc.pendingRenderCount == pending + 1)
    }

    @Test func widthChangesRenderLazilyAndTwoWidthsAreKept() {
        var doc = MarkdownDocument(text: Self.reply)
        let blocks = doc.finishedBlocks.count
        _ = doc.lines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == blocks)
        _ = doc.lines(width: 40, theme: MD.theme)
        #expect(doc.finishedRenderCount == 2 * blocks)
        _ = doc.lines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == 2 * blocks)
        _ = doc.lines(width: 20, theme: MD.theme) // evicts 40, the least recently used
        _ = doc.lines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == 3 * blocks)
        _ = doc.lines(width: 40, theme: MD.theme)
        #expect(doc.finishedRenderCount == 4 * blocks)
        // Another theme starts over.
        var other = MD.theme
        other.name = "other"
        #expect(doc.lines(width: 40, theme: other) == MarkdownRenderer.render(text: Self.reply, width: 40, theme: other))
        #expect(doc.finishedRenderCount == 5 * blocks)
    }

    @Test(arguments: MD.widths) func rangedAccessAndBlockCountsAgreeWithAllLines(width: Int) {
        var doc = MarkdownDocument(text: Self.reply)
        let all = doc.lines(width: width, theme: MD.theme)
        let counts = doc.blockLineCounts(width: width, theme: MD.theme)
        #expect(counts.reduce(0, +) == all.count)
        #expect(doc.lineCount(width: width, theme: MD.theme) == all.count)
        #expect(counts.count == doc.finishedBlocks.count + 1) // the open fence is the pending block
        for range in [0..<5, 3..<17, (all.count - 7)..<all.count, 10..<(all.count + 50), 0..<0, 40..<41] {
            let clamped = range.clamped(to: 0..<all.count)
            #expect(doc.lines(in: range, width: width, theme: MD.theme) == Array(all[clamped]), "range \(range)")
        }
    }

    @Test func zeroAndOneColumnNeverCrash() {
        var doc = MarkdownDocument(text: Self.reply)
        #expect(doc.lines(width: 0, theme: MD.theme).isEmpty)
        #expect(doc.lineCount(width: -1, theme: MD.theme) == 0)
        #expect(doc.lines(in: 0..<10, width: 0, theme: MD.theme).isEmpty)
        let one = doc.lines(width: 1, theme: MD.theme)
        MD.expectFits(one, width: 1)
        #expect(!one.isEmpty)
    }

    @Test func dimmedDocumentMatchesDimmedRender() {
        var doc = MarkdownDocument(dimmed: true)
        doc.append("some *reasoning*\n\nmore")
        #expect(doc.lines(width: 30, theme: MD.theme)
            == MarkdownRenderer.render(text: "some *reasoning*\n\nmore", width: 30, theme: MD.theme, dimmed: true))
    }

    @Test func hostileChunkedInputMatchesOneShot() {
        var rng = SeededGenerator(seed: 99)
        let alphabet = Array("*_`~[]()<>#>-+|\\!:. \n\n\n\t1x你👩‍💻e\u{301}")
        for _ in 0..<60 {
            let text = String((0..<Int.random(in: 0...120, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            var doc = MarkdownDocument()
            var prefix = ""
            for ch in text {
                doc.append(String(ch))
                prefix.append(ch)
                if Bool.random(using: &rng) {
                    #expect(doc.lines(width: 12, theme: MD.theme) == MarkdownRenderer.render(text: prefix, width: 12, theme: MD.theme))
                }
            }
            #expect(doc.lines(width: 12, theme: MD.theme) == MarkdownRenderer.render(text: text, width: 12, theme: MD.theme))
        }
    }
}

@Suite("Streaming code blocks resume where they left off")
struct StreamingCodeBlockTests {
    static let code = """
    ```swift
    /* a comment that
       spans lines */
    let banner = \"\"\"
        multi-line string with // not a comment
        \"\"\"
    func veryLongFunctionNameThatMustBeBrokenAtTheWidth(_ argument: Int, another: String) -> Bool { true }
    let wide = "漢字かな交じり文 🎉 and tabs\there"
    \r
    """

    /// Every prefix, fed one scalar at a time, renders exactly as the whole block would,
    /// and complete lines are kept rather than redone.
    @Test(arguments: [30, 80])
    func everyPrefixMatchesAWholeRender(width: Int) {
        let renderer = MarkdownRenderer(theme: MD.theme)
        let text = Self.code.replacingOccurrences(of: "\r", with: "")
        var progress: CodeProgress?
        var prefix = ""
        var lastConsumed = 0
        for scalar in text.unicodeScalars {
            prefix.unicodeScalars.append(scalar)
            let streamed = renderer.streamingCodeBlock(prefix, blockStart: 0, width: width, progress: &progress)
            #expect(streamed == renderer.codeBlock(prefix, width: width), "prefix \(prefix.debugDescription)")
            if let p = progress {
                #expect(p.consumed >= lastConsumed)
                lastConsumed = p.consumed
            }
        }
        #expect(lastConsumed > text.utf8.count / 2, "complete lines are kept between chunks")
    }

    @Test func anotherBlockOrWidthStartsOverAndAClosedFenceRendersWhole() {
        let renderer = MarkdownRenderer(theme: MD.theme)
        var progress: CodeProgress?
        let open = "```python\nx = 1\ny = 2\n"
        _ = renderer.streamingCodeBlock(open, blockStart: 5, width: 40, progress: &progress)
        #expect(progress?.consumed == open.utf8.count)
        let other = "```\nz\n"
        #expect(renderer.streamingCodeBlock(other, blockStart: 9, width: 40, progress: &progress) == renderer.codeBlock(other, width: 40))
        #expect(progress?.blockStart == 9)
        #expect(renderer.streamingCodeBlock(other, blockStart: 9, width: 20, progress: &progress) == renderer.codeBlock(other, width: 20))
        #expect(progress?.width == 20)
        let closed = other + "```\ntext after\n"
        #expect(renderer.streamingCodeBlock(closed, blockStart: 9, width: 20, progress: &progress) == renderer.codeBlock(closed, width: 20))
        #expect(progress == nil)
        let crlf = "```\r\na\r\nb"
        #expect(renderer.streamingCodeBlock(crlf, blockStart: 0, width: 20, progress: &progress) == renderer.codeBlock(crlf, width: 20))
    }
}
