import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

@Suite("A streaming reply laid out frame by frame matches a fresh layout")
struct StreamingLayoutTests {
    /// Feeds a long markdown reply into the streaming message a few characters at a time and
    /// checks, after every chunk, that the long-lived renderer (with its incremental caches)
    /// draws exactly what a brand-new renderer draws; halfway the transcript takes the focus,
    /// which selects a message and changes every gutter.
    @Test(arguments: [Size(width: 80, height: 40), Size(width: 50, height: 20)])
    func everyFrameMatches(size: Size) {
        var state = UIFixtures.state(size, streaming: true)
        let env = ReducerEnvironment(makeID: { UUID().uuidString }, makeSessionID: { _ in "s" })
        let theme = UIFixtures.theme()
        let renderer = AppRenderer()
        let text = String(repeating: UIFixtures.reply + "\n\nMore text after the block, 続き.\n\n", count: 3)
        var rest = Substring(text)
        var step = 0
        while !rest.isEmpty {
            let chunk = rest.prefix(7 + step % 5)
            rest = rest.dropFirst(chunk.count)
            _ = Reducer.reduce(&state, .completion(requestID: 1, event: .contentDelta(String(chunk))), env)
            step += 1
            if step == 40 { state.focus = .transcript }
            var fresh = state
            let incremental = renderer.render(&state, theme: theme)
            let reference = AppRenderer().render(&fresh, theme: theme)
            #expect(incremental == reference, "step \(step)")
            if incremental != reference { break }
        }
        #expect(step > 60)
    }
}
