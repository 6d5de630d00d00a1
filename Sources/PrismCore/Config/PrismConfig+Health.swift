import Foundation

extension PrismConfig {
    static let healthKeys: Set<String> = ["failures", "window", "cooldown"]

    /// Reads `[health]`: `failures` (a count), `window` and `cooldown` (seconds); a wrong type
    /// or an out-of-range value is an error with its line; nil when the table is absent.
    static func readHealth(_ reader: ConfigFileReader) throws(TOMLError) -> HealthSettings? {
        guard try reader.table("health") != nil else { return nil }
        var settings = HealthSettings()
        if let failures = try reader.integer("health", "failures", atLeast: 1) { settings.failures = failures }
        if let window = try reader.number("health", "window", in: 1...86_400) { settings.window = window }
        if let cooldown = try reader.number("health", "cooldown", in: 1...86_400) { settings.cooldown = cooldown }
        return settings
    }
}
