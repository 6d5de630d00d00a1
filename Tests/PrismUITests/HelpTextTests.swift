import Testing
@testable import PrismUI

@Suite("Help overlay text")
struct HelpTextTests {
    /// Summaries joined back from their wrapped pieces, keyed by the keys on their first line.
    private func summaries(width: Int) -> [String] {
        var out: [String] = []
        for line in HelpText.lines(.defaults, width: width) {
            guard case .binding(let keys, let summary) = line else { continue }
            if keys.isEmpty, !out.isEmpty { out[out.count - 1] += " " + summary } else { out.append(summary) }
        }
        return out
    }

    @Test(arguments: [60, 76, 116])
    func everySummaryIsShownWhole(width: Int) {
        let shown = summaries(width: width)
        for command in Command.allCases where !command.isCompareOnly {
            #expect(shown.contains(command.summary), "\(command.rawValue) at \(width) columns")
        }
        for line in HelpText.lines(.defaults, width: width) {
            if case .binding(_, let summary) = line { #expect(summary.count <= width - HelpText.keysWidth - 1) }
        }
    }
}
