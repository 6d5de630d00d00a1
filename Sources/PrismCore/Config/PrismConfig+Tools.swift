import Foundation

extension PrismConfig {
    static let toolKeys: Set<String> = ["max_rounds", "max_result_chars"]

    /// Reads `[tools]`: `max_rounds` (requests with tool calls a turn may make) and
    /// `max_result_chars` (longest tool output sent back); nil when the table is absent.
    static func readTools(_ reader: ConfigFileReader) throws(TOMLError) -> ToolLoopSettings? {
        guard try reader.table("tools") != nil else { return nil }
        var settings = ToolLoopSettings()
        if let rounds = try reader.integer("tools", "max_rounds", atLeast: 1) { settings.maxRounds = rounds }
        if let chars = try reader.integer("tools", "max_result_chars", atLeast: 100) { settings.maxResultCharacters = chars }
        return settings
    }
}
