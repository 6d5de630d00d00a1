import Foundation
import PrismCore

/// A `--schema` reply checked: the JSON it holds (fences tolerated) and what breaks the schema.
struct StructuredCheck {
    /// Exit status of a reply that is not JSON or does not match the schema.
    static let invalidStatus: Int32 = 4
    /// Violations listed on stderr; the rest are counted.
    static let shownViolations = 5

    var parsed: JSONValue?
    /// Violations with their JSON paths; for a reply that is not JSON, one saying so.
    var errors: [String]

    init(reply: String, schema: JSONValue) {
        parsed = StructuredReply.parse(reply)
        if let parsed {
            errors = JSONSchemaValidator(schema: schema).validate(parsed).map(\.description)
        } else {
            errors = ["$: the reply is not JSON"]
        }
    }

    var isValid: Bool { errors.isEmpty }

    /// Lists the first violations on stderr and returns the failure that ends the command (exit 4).
    func failure() -> CLIFailure {
        for line in errors.prefix(Self.shownViolations) { StandardIO.error("prism: schema: \(TerminalSanitizer.metadata(line))") }
        if errors.count > Self.shownViolations { StandardIO.error("prism: schema: … and \(errors.count - Self.shownViolations) more") }
        let count = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
        return CLIFailure(status: Self.invalidStatus, message: "the reply does not match the schema (\(count))")
    }
}
