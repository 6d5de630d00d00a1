import Foundation
import PrismCore

/// Finding the index of a catalog: built once, shared by every state holding that array.
extension CatalogIndex {
    private struct Identity: Hashable {
        let base: UInt
        let count: Int
    }

    private final class Slot: @unchecked Sendable {
        let lock = NSLock()
        var index: CatalogIndex?
        /// Set while a background build runs.
        var build: DispatchGroup?
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [(identity: Identity, slot: Slot)] = []
    /// Catalogs kept indexed: the app has one (two while a refreshed one replaces it); tests
    /// build many small ones side by side.
    private static let kept = 4

    private static func identity(of catalog: [ModelInfo]) -> Identity {
        Identity(base: catalog.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }, count: catalog.count)
    }

    private static func slot(for catalog: [ModelInfo]) -> (slot: Slot, isNew: Bool) {
        let id = identity(of: catalog)
        return registryLock.withLock {
            if let i = registry.firstIndex(where: { $0.identity == id }) {
                let entry = registry.remove(at: i)
                registry.append(entry)
                return (entry.slot, false)
            }
            let slot = Slot()
            registry.append((id, slot))
            if registry.count > kept { registry.removeFirst() }
            return (slot, true)
        }
    }

    /// The index of `catalog`, built now unless a background build has it (or is finishing it).
    static func of(_ catalog: [ModelInfo]) -> CatalogIndex {
        let (slot, _) = slot(for: catalog)
        while true {
            let (index, build) = slot.lock.withLock { (slot.index, slot.build) }
            if let index { return index }
            guard let build else { break }
            build.wait()
        }
        let index = CatalogIndex(catalog)
        return slot.lock.withLock {
            if slot.index == nil { slot.index = index }
            return slot.index!
        }
    }

    /// The index of `catalog` if it is ready, without waiting or building.
    static func ifReady(_ catalog: [ModelInfo]) -> CatalogIndex? {
        let id = identity(of: catalog)
        let slot = registryLock.withLock { registry.first(where: { $0.identity == id })?.slot }
        return slot.map { slot in slot.lock.withLock { slot.index } } ?? nil
    }

    /// Starts building the index of a catalog that just arrived, off the UI thread.
    static func prepare(_ catalog: [ModelInfo]) {
        guard !catalog.isEmpty else { return }
        let (slot, isNew) = slot(for: catalog)
        guard isNew else { return }
        let group = DispatchGroup()
        group.enter()
        slot.lock.withLock { slot.build = group }
        DispatchQueue.global(qos: .userInitiated).async {
            let index = CatalogIndex(catalog)
            slot.lock.withLock {
                if slot.index == nil { slot.index = index }
                slot.build = nil
            }
            group.leave()
        }
    }
}
