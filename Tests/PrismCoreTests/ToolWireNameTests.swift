import Foundation
import Testing
@testable import PrismCore

/// Tool names as the model sees them: always `^[a-zA-Z0-9_-]{1,64}$`, never two alike in
/// one request, and each call mapped back to the tool it names.
@Suite("Tool wire names")
struct ToolWireNameTests {
    static func isValid(_ name: String) -> Bool {
        (1...64).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
    }

    static func call(_ name: String) -> ToolCall {
        ToolCall(index: 0, id: "c", type: "function", name: name, arguments: "{}")
    }

    @Test func plainNamesStayReadable() {
        let tools = [ToolSpec(server: "time", name: "get_current_time"), ToolSpec(server: "git", name: "git-log")]
        #expect(ToolSpec.wireNames(tools) == ["time__get_current_time", "git__git-log"])
    }

    @Test func namesThatMapAlikeGetStableDistinctSuffixes() throws {
        let dotted = ToolSpec(server: "web", name: "get.time")
        let snake = ToolSpec(server: "web", name: "get_time")
        let spaced = ToolSpec(server: "web", name: "get time")
        let weather = ToolSpec(server: "web", name: "天气")
        let clock = ToolSpec(server: "web", name: "时间")
        let long = String(repeating: "x", count: 70)
        let longA = ToolSpec(server: "web", name: long + "a"), longB = ToolSpec(server: "web", name: long + "b")
        let offered = [dotted, snake, spaced, weather, clock, longA, longB, ToolSpec(server: "web", name: "fine")]
        let names = ToolSpec.wireNames(offered)
        #expect(names.allSatisfy(Self.isValid), "\(names)")
        #expect(Set(names).count == names.count, "\(names)")
        #expect(names[0].hasPrefix("web__get_time_") && names[0].count == "web__get_time_".count + 8)
        #expect(names.last == "web__fine", "a name nothing else shares keeps its plain form")
        // The same tool keeps its name whatever else is offered, and in any order.
        #expect(ToolSpec.wireNames(offered.reversed()).reversed() == names)
        #expect(ToolSpec.wireNames([snake, dotted]) == [names[1], names[0]])
        // Each name reaches its own tool.
        for (spec, name) in zip(offered, names) {
            #expect(ToolResolution.resolve(Self.call(name), offered: offered) == .tool(spec))
        }
        guard case .unknown(let text) = ToolResolution.resolve(Self.call("web__get_time"), offered: offered) else {
            Issue.record("a name that now needs its suffix must not reach either tool")
            return
        }
        #expect(text.hasPrefix("Unknown tool \"web__get_time\": it was not offered. Offered tools: web__get_time_"))
    }

    @Test func theRequestBodyCarriesTheDistinctNames() throws {
        var request = ChatRequest(model: "a/one", messages: [ChatMessage(role: .user, content: "hi")], maxTokens: 10)
        request.tools = [ToolSpec(server: "a", name: "x.y"), ToolSpec(server: "a", name: "x_y"), ToolSpec(server: "my server", name: "ok")]
        let body = try #require(try JSONSerialization.jsonObject(with: request.body()) as? [String: Any])
        let sent = try #require(body["tools"] as? [[String: Any]]).compactMap { ($0["function"] as? [String: Any])?["name"] as? String }
        #expect(sent == ToolSpec.wireNames(request.tools))
        #expect(Set(sent).count == 3 && sent[2] == "my_server__ok")
    }

    @Test func anEmptyOrUnicodeOnlyToolStillGetsAValidName() {
        let names = ToolSpec.wireNames([ToolSpec(server: "s", name: ""), ToolSpec(server: "s", name: "🙂")])
        #expect(names == ["s__", "s___"])
        #expect(names.allSatisfy(Self.isValid))
    }
}
