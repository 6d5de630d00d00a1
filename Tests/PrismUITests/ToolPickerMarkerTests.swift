import Foundation
import PrismCore
import PrismTerminal
import Testing
@testable import PrismUI

/// The picker marks models the catalog lists without tool support, once tool servers are configured.
@Suite("Tool picker marker")
struct ToolPickerMarkerTests {
    @Test func modelsWithoutToolsAreMarkedOnlyWithServers() {
        let catalog = [ModelInfo(id: "a/one", supportedParameters: ["tools"]), ModelInfo(id: "b/plain", supportedParameters: ["temperature"])]
        let h = ToolHarness(size: Size(width: 200, height: 30))
        h.send(.catalogLoaded(CatalogSnapshot(fetchedAt: Date(timeIntervalSince1970: 50), baseURL: "x", models: catalog)))
        h.key(.ctrl("p"))
        let row = h.screen().split(separator: "\n").first { $0.contains("b/plain") }.map(String.init) ?? ""
        #expect(row.contains("no tools"))
        let plain = ReducerHarness(size: Size(width: 200, height: 30))
        plain.send(.catalogLoaded(CatalogSnapshot(fetchedAt: Date(timeIntervalSince1970: 50), baseURL: "x", models: catalog)))
        plain.key(.ctrl("p"))
        #expect(!plain.screen().contains("no tools"))
    }
}
