import Foundation

/// What a routed reply keeps of the decision that chose its model: the one line its header
/// shows and the full breakdown one key away. Saved on the reply as `route_decision`.
public struct RouteNote: Codable, Sendable, Equatable {
    /// `RouteDecision.line`.
    public var line: String
    /// `RouteDecision.explanation`, one entry per line.
    public var explanation: [String]

    public init(line: String, explanation: [String]) {
        self.line = line
        self.explanation = explanation
    }

    public init(_ decision: RouteDecision) {
        self.init(line: decision.line, explanation: decision.explanation)
    }

    enum CodingKeys: String, CodingKey { case line, explanation }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        line = try c.decode(String.self, forKey: .line)
        explanation = (try? c.decodeIfPresent([String].self, forKey: .explanation)) ?? []
    }
}
