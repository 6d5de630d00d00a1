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

    /// A document holding `text`, appended in one go.
    static func document(_ text: String) -> MarkdownDocument {
        var doc = MarkdownDocument()
        doc.append(text)
        return doc
    }

    /// Blocks of the whole reply no later text can change.
    static let finishedBlockCount = MarkdownBlockSplitter(text: reply).finishedCount

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
            #expect(doc.allLines(width: width, theme: MD.theme) == expected, "step \(step) width \(width)")
            MD.expectFits(expected, width: width)
        }
        // Two widths alternate, both kept: every finished block rendered exactly once per width.
        #expect(doc.finishedRenderCount == 2 * Self.finishedBlockCount)
        #expect(Self.finishedBlockCount > 10)
    }

    @Test func finishedBlocksRenderOnceAndOnlyTheTailAgain() {
        var doc = MarkdownDocument()
        for char in Self.reply {
            doc.append(String(char))
            _ = doc.allLines(width: 60, theme: MD.theme)
        }
        #expect(doc.finishedRenderCount == Self.finishedBlockCount)
        // Asking again without new text renders nothing at all.
        let (finished, pending) = (doc.finishedRenderCount, doc.pendingRenderCount)
        _ = doc.allLines(width: 60, theme: MD.theme)
        #expect(doc.finishedRenderCount == finished && doc.pendingRenderCount == pending)
        // Text inside the open fence re-renders only the tail.
        doc.append("\n    pass")
        _ = doc.allLines(width: 60, theme: MD.theme)
        #expect(doc.finishedRenderCount == finished && doc.pendingRenderCount == pending + 1)
    }

    @Test func widthChangesRenderLazilyAndTwoWidthsAreKept() {
        var doc = Self.document(Self.reply)
        let blocks = Self.finishedBlockCount
        _ = doc.allLines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == blocks)
        _ = doc.allLines(width: 40, theme: MD.theme)
        #expect(doc.finishedRenderCount == 2 * blocks)
        _ = doc.allLines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == 2 * blocks)
        _ = doc.allLines(width: 20, theme: MD.theme) // evicts 40, the least recently used
        _ = doc.allLines(width: 80, theme: MD.theme)
        #expect(doc.finishedRenderCount == 3 * blocks)
        _ = doc.allLines(width: 40, theme: MD.theme)
        #expect(doc.finishedRenderCount == 4 * blocks)
        // Another theme starts over.
        var other = MD.theme
        other.name = "other"
        #expect(doc.allLines(width: 40, theme: other) == MarkdownRenderer.render(text: Self.reply, width: 40, theme: other))
        #expect(doc.finishedRenderCount == 5 * blocks)
    }

    /// Read as the transcript reads it: piece by piece, in any order, redrawing a piece only
    /// when its version changed.
    @Test(arguments: MD.widths) func piecesMakeTheWholeRenderAndOnlyTheTailChanges(width: Int) {
        var doc = MarkdownDocument(pieceBytes: 200)
        doc.append(Self.reply)
        let count = doc.pieceCount
        #expect(count > 2)
        var pieces = Array(repeating: [StyledLine](), count: count)
        for k in (0..<count).reversed() { pieces[k] = doc.lines(piece: k, width: width, theme: MD.theme) }
        #expect(pieces.flatMap { $0 } == MarkdownRenderer.render(text: Self.reply, width: width, theme: MD.theme))
        #expect(doc.lines(piece: -1, width: width, theme: MD.theme).isEmpty)
        #expect(doc.lines(piece: count, width: width, theme: MD.theme).isEmpty)
        // More text inside the open fence: no piece closes, only the tail's version and lines change.
        let versions = (0..<count).map(doc.version(ofPiece:))
        doc.append("\n    pass")
        #expect(doc.pieceCount == count)
        #expect((0..<count - 1).map(doc.version(ofPiece:)) == Array(versions.dropLast()))
        #expect(doc.version(ofPiece: count - 1) != versions[count - 1])
        #expect(doc.lines(piece: count - 1, width: width, theme: MD.theme) != pieces[count - 1])
        #expect(doc.allLines(width: width, theme: MD.theme)
            == MarkdownRenderer.render(text: Self.reply + "\n    pass", width: width, theme: MD.theme))
    }

    @Test func zeroAndOneColumnNeverCrash() {
        var doc = Self.document(Self.reply)
        #expect(doc.allLines(width: 0, theme: MD.theme).isEmpty)
        #expect(doc.lines(piece: 0, width: -1, theme: MD.theme).isEmpty)
        let one = doc.allLines(width: 1, theme: MD.theme)
        MD.expectFits(one, width: 1)
        #expect(!one.isEmpty)
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
                    #expect(doc.allLines(width: 12, theme: MD.theme) == MarkdownRenderer.render(text: prefix, width: 12, theme: MD.theme))
                }
            }
            #expect(doc.allLines(width: 12, theme: MD.theme) == MarkdownRenderer.render(text: text, width: 12, theme: MD.theme))
        }
    }
}

extension MarkdownDocument {
    /// Every line at a width, read piece by piece as the transcript reads them.
    mutating func allLines(width: Int, theme: Theme) -> [StyledLine] {
        (0..<pieceCount).flatMap { lines(piece: $0, width: width, theme: theme) }
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
