import Foundation
import Testing
@testable import PrismCore

/// The rule-based prompt classifier: each rule, the order between them, and its reasons.
@Suite("Prompt tags")
struct PromptTagTests {
    @Test(arguments: [
        ("Translate this into English: bonjour", PromptTag.translation),
        ("Why does this crash?\n```swift\nlet x = a!\n```", .code),
        ("def add(a, b): return a + b  — why is it slow", .code),
        ("how do I debug a segfault in my rust program", .code),
        ("turn this CSV into a markdown table", .data),
        ("prove that the square root of 2 is irrational", .math),
        ("what is 17 * 23", .math),
        ("write a short poem about autumn", .writing),
        ("hello, how are you today?", .chat),
    ])
    func eachRule(prompt: String, tag: PromptTag) {
        #expect(PromptTag.classify(prompt).tag == tag, "\(prompt)")
    }

    @Test func earlierRulesWinAndTheReasonNamesTheRule() {
        // Translation comes before code: "translate this python comment" is a translation.
        let guess = PromptTag.classify("Translate this python comment into English")
        #expect(guess.tag == .translation)
        #expect(guess.reason == "mentions \"translate\"")
        #expect(PromptTag.classify("write a python function").tag == .code, "code before writing")
        #expect(PromptTag.classify("nothing here").reason == "no other rule matched")
    }

    @Test func typedTagsAreCaseInsensitiveAndOnlyOurs() {
        #expect(PromptTag(typed: " Code ") == .code)
        #expect(PromptTag(typed: "poetry") == nil)
    }

    @Test func rangesStartAtLocalMidnight() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Paris"))
        let now = Date(timeIntervalSince1970: 1_796_300_000)  // 2026-12-03 12:13 UTC, 13:13 in Paris
        let today = try #require(StatsRange.today.start(now: now, calendar: calendar))
        #expect(calendar.dateComponents([.hour, .minute], from: today) == DateComponents(hour: 0, minute: 0))
        let week = try #require(StatsRange.week.start(now: now, calendar: calendar))
        #expect(calendar.dateComponents([.day], from: week, to: today).day == 6)
        #expect(StatsRange.all.start(now: now, calendar: calendar) == nil)
        #expect(StatsRange.all.next == .today)
    }
}
