import Foundation

/// A function call requested by the model, assembled from streamed fragments.
public struct ToolCall: Codable, Sendable, Equatable, Hashable {
    public var index: Int
    public var id: String?
    public var type: String?
    public var name: String?
    /// The JSON arguments as sent, concatenated from every fragment.
    public var arguments: String

    public init(index: Int, id: String? = nil, type: String? = nil, name: String? = nil, arguments: String = "") {
        self.index = index
        self.id = id
        self.type = type
        self.name = name
        self.arguments = arguments
    }
}
