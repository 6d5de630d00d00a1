import Foundation
import Testing
@testable import PrismCore

/// `ChatRequest.build` layers provider routing: config/session < saved for that model < flags, field by field.
@Suite struct RoutingRequestTests {
    func session(provider: ProviderPreferences? = nil, fallbacks: [String] = []) -> Session {
        var s = Session(id: "s", createdAt: sessionTestDate(), model: "a/one",
                        settings: RequestSettings(fallbackModels: fallbacks, provider: provider))
        s.append(Message(id: "u1", parentID: nil, role: .user, content: "hi", createdAt: sessionTestDate(1)))
        return s
    }

    /// The `provider` object of the JSON body the request would send (nil when absent).
    func sentProvider(_ model: String = "a/one", session: Session, routing: RoutingLayers) throws -> [String: Any]? {
        let request = ChatRequest.build(model: model, session: session, upTo: "u1", catalog: [], maxTokensCap: 100, routing: routing)
        let body = try JSONSerialization.jsonObject(with: try request.body()) as? [String: Any]
        return body?["provider"] as? [String: Any]
    }

    /// Every routing option, set one way, and what each must look like in the body.
    static let everyOption = ProviderPreferences(
        order: ["deepinfra/turbo", "together"], allowFallbacks: false, requireParameters: true, dataCollection: "deny", zdr: true,
        only: ["deepinfra"], ignore: ["azure"], sort: "throughput",
        maxPrice: MaxPrice(prompt: 1, completion: 4), quantizations: ["fp8", "bf16"])

    func expectEveryOption(_ p: [String: Any]?) {
        #expect(p?["order"] as? [String] == ["deepinfra/turbo", "together"])
        #expect(p?["allow_fallbacks"] as? Bool == false)
        #expect(p?["require_parameters"] as? Bool == true)
        #expect(p?["data_collection"] as? String == "deny")
        #expect(p?["zdr"] as? Bool == true)
        #expect(p?["only"] as? [String] == ["deepinfra"])
        #expect(p?["ignore"] as? [String] == ["azure"])
        #expect(p?["sort"] as? String == "throughput")
        #expect(p?["quantizations"] as? [String] == ["fp8", "bf16"])
        let price = p?["max_price"] as? [String: Any]
        #expect((price?["prompt"] as? NSNumber)?.doubleValue == 1 && (price?["completion"] as? NSNumber)?.doubleValue == 4)
        #expect(Set(p?.keys.map { $0 } ?? []) == ["order", "allow_fallbacks", "require_parameters", "data_collection", "zdr",
                                                  "only", "ignore", "sort", "quantizations", "max_price"])
    }

    @Test func everyOptionFromConfigIsSent() throws {
        expectEveryOption(try sentProvider(session: session(provider: Self.everyOption), routing: .none))
    }

    @Test func everyOptionFromTheModelsSavedRoutingIsSent() throws {
        expectEveryOption(try sentProvider(session: session(), routing: RoutingLayers(saved: ["a/one": Self.everyOption])))
    }

    @Test func everyOptionFromFlagsIsSent() throws {
        expectEveryOption(try sentProvider(session: session(), routing: RoutingLayers(flags: Self.everyOption)))
    }

    @Test func savedRoutingIsForThatExactModelIdOnly() throws {
        let routing = RoutingLayers(saved: ["a/one:nitro": ProviderPreferences(sort: "price")])
        #expect(try sentProvider(session: session(), routing: routing) == nil, "no routing set: no provider object")
        #expect(try sentProvider("a/one:nitro", session: session(), routing: routing)?["sort"] as? String == "price")
    }

    @Test func flagsBeatSavedWhichBeatsConfigFieldByField() throws {
        let config = ProviderPreferences(order: ["config"], dataCollection: "deny", sort: "price",
                                         maxPrice: MaxPrice(prompt: 9, completion: 9), quantizations: ["int4"])
        let saved = ProviderPreferences(order: ["saved"], zdr: true, sort: "latency", maxPrice: MaxPrice(completion: 5))
        let flags = ProviderPreferences(sort: "throughput", maxPrice: MaxPrice(prompt: 1))
        let p = try sentProvider(session: session(provider: config),
                                 routing: RoutingLayers(saved: ["a/one": saved], flags: flags))
        #expect(p?["sort"] as? String == "throughput", "flags win")
        #expect(p?["order"] as? [String] == ["saved"], "saved beats config")
        #expect(p?["zdr"] as? Bool == true, "saved alone")
        #expect(p?["data_collection"] as? String == "deny", "config alone")
        #expect(p?["quantizations"] as? [String] == ["int4"], "config alone")
        let price = p?["max_price"] as? [String: Any]
        #expect((price?["prompt"] as? NSNumber)?.doubleValue == 1, "flag's prompt price")
        #expect((price?["completion"] as? NSNumber)?.doubleValue == 5, "saved completion price over config's")
        // Without the flags, saved still beats config.
        let noFlags = try sentProvider(session: session(provider: config), routing: RoutingLayers(saved: ["a/one": saved]))
        #expect(noFlags?["sort"] as? String == "latency")
        #expect(((noFlags?["max_price"] as? [String: Any])?["prompt"] as? NSNumber)?.doubleValue == 9)
    }

    @Test func theRequestRecordsTheChainAndOrderItSends() throws {
        let s = session(fallbacks: ["b/two", "c/three"])
        let request = ChatRequest.build(model: "a/one", session: s, upTo: "u1", catalog: [], maxTokensCap: 100,
                                        routing: RoutingLayers(flags: ProviderPreferences(order: ["p1", "p2"])))
        let body = try JSONSerialization.jsonObject(with: try request.body()) as? [String: Any]
        #expect(body?["models"] as? [String] == ["a/one", "b/two", "c/three"])
        #expect(request.sentRoute == SentRoute(models: ["a/one", "b/two", "c/three"], order: ["p1", "p2"]))
        let plain = ChatRequest.build(model: "a/one", session: session(), upTo: "u1", catalog: [], maxTokensCap: 100, routing: .none)
        #expect(plain.sentRoute == nil)
    }
}
