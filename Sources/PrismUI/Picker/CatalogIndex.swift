import Foundation
import PrismCore

/// What the picker precomputes about one catalog, so a key costs a frame with 200,000 models.
///
/// Built once per catalog (in the background as soon as the catalog arrives): every
/// model's search text lowercased into one byte buffer with word starts marked, the rank
/// of every model in each sort order (ties broken by id, as `ModelOrder` does), and an id
/// lookup. Query results and ordered lists are cached here too (see `ModelList`), so the
/// reducer and the renderer asking for the same list in one frame share the work, typing
/// narrows the previous query's matches instead of scanning the catalog, and Backspace
/// finds the shorter query's list again.
///
/// A catalog is recognised by its array storage: the index keeps the array, so that
/// storage can neither be freed and reused nor changed in place while the index lives.
final class CatalogIndex: @unchecked Sendable {
    let catalog: [ModelInfo]
    /// Every model's search text, one after another: `id + " " + name` lowercased, with the
    /// high bit set where a word starts (the start, after `/-:._ `, a lower-to-upper change).
    /// In the same byte, a word start costs nothing to read: kept in an array of its own,
    /// reading it missed the cache for every candidate and took most of a keystroke. (The
    /// high bit is free: text that is not ASCII is matched on Characters instead.)
    let text: [UInt8]
    /// Where each model's text begins in `text`; one extra entry for the end.
    let offsets: [Int]
    /// Models whose search text is not ASCII: matched by `FuzzyMatcher` on Characters.
    let isUnicode: [Bool]
    /// For each model, bit `b % 64` set for every byte `b` of its lowercased text: a model
    /// missing a bit of the query cannot match, and is passed over without reading its text.
    let masks: [UInt64]
    /// Every id's UTF-8 bytes, one after another, and where each begins (one extra entry).
    private let ids: [UInt8]
    private let idOffsets: [Int]
    /// Rank of each model in the id order, and the models in that order.
    let idRank: [Int32]
    let idOrder: [Int32]
    /// The longest id in UTF-8 bytes (at least its width in cells): what the picker's id column asks for.
    let longestID: Int
    /// The same for price, context, newest and name (each tie broken by id).
    let modeRank: [ModelPickerState.Sort: [Int32]]
    let modeOrder: [ModelPickerState.Sort: [Int32]]
    /// For an `x:free` entry whose base `x` is listed too, the base's index, else -1: the
    /// picker shows the free endpoint as the base row's variant, not as a row of its own.
    private(set) var freeTwinBase: [Int32] = []
    /// How many entries are such twins (the picker lists that many fewer rows).
    private(set) var hiddenCount = 0

    let lock = NSLock()
    /// Matches per query (most recent last), for narrowing and for Backspace.
    var matches: [(query: String, result: Matches)] = []
    var lists: [(key: ModelList.Key, list: ModelList)] = []
    /// The estimate sort's order for the last basis, and every model's prices as numbers (see `estimateOrder`).
    var estimateCache: (basis: EstimateBasis, order: [Int32], rank: [Int32])?
    var estimatePrices: [ModelPickerState.EstimatePrices] = []
    /// Candidates per slice when a query is scored on several threads (tests make it small).
    var sliceMinimum = MatchJob.sliceMinimum

    /// The models that match a query, in catalog order, with their scores, and what typing
    /// on needs: the sum of every word's score but the last, and the last word's last DP row
    /// (`rows[rowStarts[k]..<rowStarts[k + 1]]`; empty for a model matched on Characters).
    struct Matches {
        var words: [[UInt8]]
        var models: [Int32] = []
        var scores: [Int32] = []
        var base: [Int32] = []
        var rowStarts: [Int] = [0]
        var rows: [FuzzyScorer.Entry] = []

        init(words: [[UInt8]]) {
            self.words = words
        }
    }

    /// Bytes after which a word starts: `/ - : . _` and space.
    private static let separators: [Bool] = (0..<256).map { "/-:._ ".utf8.contains(UInt8($0)) }

    init(_ catalog: [ModelInfo]) {
        self.catalog = catalog
        let n = catalog.count
        // Sizes first, then every byte written once through a pointer.
        var offsets = [Int](repeating: 0, count: n + 1), idOffsets = [Int](repeating: 0, count: n + 1)
        for (i, model) in catalog.enumerated() {
            let idCount = model.id.utf8.count
            offsets[i + 1] = offsets[i] + idCount + 1 + model.name.utf8.count
            idOffsets[i + 1] = idOffsets[i] + idCount
        }
        var isUnicode = [Bool](repeating: false, count: n)
        var masks = [UInt64](repeating: 0, count: n)
        let separators = Self.separators
        let ids = [UInt8](unsafeUninitializedCapacity: idOffsets[n]) { idBuffer, idCount in
            for (i, model) in catalog.enumerated() {
                var id = model.id
                id.withUTF8 { bytes in
                    guard !bytes.isEmpty else { return }
                    UnsafeMutableRawPointer(idBuffer.baseAddress! + idOffsets[i]).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                }
            }
            idCount = idOffsets[n]
        }
        let text = [UInt8](unsafeUninitializedCapacity: offsets[n]) { out, count in
            for (i, model) in catalog.enumerated() {
                var at = offsets[i]
                var previous: UInt8 = 0, high: UInt8 = 0, mask: UInt64 = 0
                @inline(__always) func add(_ b: UInt8) {
                    high |= b
                    let isUpper = b &- 0x41 < 26
                    let boundary = at == offsets[i] || separators[Int(previous)] || (previous &- 0x61 < 26 && isUpper)
                    let lower = isUpper ? b | 0x20 : b
                    mask |= 1 << UInt64(lower & 63)
                    out[at] = lower | (boundary ? 0x80 : 0)
                    at += 1
                    previous = b
                }
                var id = model.id, name = model.name
                id.withUTF8 { for b in $0 { add(b) } }
                add(0x20)
                name.withUTF8 { for b in $0 { add(b) } }
                isUnicode[i] = high >= 0x80
                masks[i] = mask
            }
            count = offsets[n]
        }
        self.text = text
        self.offsets = offsets
        self.isUnicode = isUnicode
        self.masks = masks
        self.ids = ids
        self.idOffsets = idOffsets
        longestID = n == 0 ? 0 : (0..<n).reduce(0) { max($0, idOffsets[$1 + 1] - idOffsets[$1]) }

        let idOrder = Self.sortedByBytes(ids, idOffsets, count: n)
        let idRank = Self.ranks(idOrder)
        self.idOrder = idOrder
        self.idRank = idRank

        // Each mode: a 64-bit key per model whose order is the mode's, ties broken by the id rank.
        @Sendable func order(_ primary: (Int) -> UInt64) -> [Int32] {
            var keyed = (0..<n).map { (primary($0), UInt32(idRank[$0]), Int32($0)) }
            keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            return keyed.map(\.2)
        }
        // Prices repeat a lot: each distinct pair is added up (a slow Decimal sum) and turned into a number once.
        struct Pair: Hashable { let prompt: Decimal, completion: Decimal? }
        var priceOf: [Pair: Double] = [:]
        let prices: [Double] = catalog.map { m in
            guard let prompt = m.pricing.prompt else { return .infinity }
            let pair = Pair(prompt: prompt, completion: m.pricing.completion)
            if let known = priceOf[pair] { return known }
            let value = NSDecimalNumber(decimal: prompt + (m.pricing.completion ?? 0)).doubleValue
            priceOf[pair] = value
            return value
        }
        // The four orders are independent: sorted side by side.
        let modes: [ModelPickerState.Sort] = [.price, .context, .newest, .name]
        struct Slots: @unchecked Sendable { let base: UnsafeMutablePointer<[Int32]> }
        let slots = Slots(base: .allocate(capacity: modes.count))
        defer { slots.base.deallocate() }
        DispatchQueue.concurrentPerform(iterations: modes.count) { k in
            let sorted: [Int32]
            switch modes[k] {
            case .price: sorted = order { Self.ascending(prices[$0]) }
            case .context: sorted = order { ~(UInt64(bitPattern: Int64(catalog[$0].contextLength ?? 0)) ^ (1 << 63)) }
            case .newest: sorted = order { ~Self.ascending((catalog[$0].created ?? .distantPast).timeIntervalSinceReferenceDate) }
            default: sorted = Self.nameOrder(catalog, idRank: idRank)
            }
            (slots.base + k).initialize(to: sorted)
        }
        var modeOrder: [ModelPickerState.Sort: [Int32]] = [:]
        for (k, mode) in modes.enumerated() { modeOrder[mode] = (slots.base + k).move() }
        self.modeOrder = modeOrder
        modeRank = modeOrder.mapValues(Self.ranks)
        findFreeTwins()
    }

    /// Fills `freeTwinBase` and `hiddenCount`: a binary search per `:free` id.
    private func findFreeTwins() {
        var twins = [Int32](repeating: -1, count: catalog.count)
        for (i, model) in catalog.enumerated() where model.id.hasSuffix(ModelVariant.free.suffix) {
            let base = String(model.id.dropLast(ModelVariant.free.suffix.count))
            if let b = models(id: base).min() {
                twins[i] = Int32(b)
                hiddenCount += 1
            }
        }
        freeTwinBase = twins
    }

    /// Models by lowercased name, ties broken by id.
    private static func nameOrder(_ catalog: [ModelInfo], idRank: [Int32]) -> [Int32] {
        var names: [UInt8] = [], nameOffsets: [Int] = [0]
        names.reserveCapacity(catalog.count * 40)
        nameOffsets.reserveCapacity(catalog.count + 1)
        for model in catalog {
            if model.name.utf8.allSatisfy({ $0 < 0x80 }) {
                for b in model.name.utf8 { names.append(b &- 0x41 < 26 ? b | 0x20 : b) }
            } else {
                names.append(contentsOf: model.name.lowercased().utf8)
            }
            nameOffsets.append(names.count)
        }
        return sortedByBytes(names, nameOffsets, count: catalog.count, tieBreak: idRank)
    }

    /// A key that orders doubles as `<` does (NaN aside).
    private static func ascending(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 0 ? bits | (1 << 63) : ~bits
    }

    /// Models ordered by their byte strings (as `String`'s `<` orders NFC text), then by
    /// `tieBreak`, then by index. The first 16 bytes, as two big-endian numbers, decide most
    /// comparisons without touching the strings.
    private static func sortedByBytes(_ bytes: [UInt8], _ offsets: [Int], count: Int, tieBreak: [Int32]? = nil) -> [Int32] {
        bytes.withUnsafeBufferPointer { b in
            offsets.withUnsafeBufferPointer { o in
                let base = b.baseAddress
                func prefix(_ i: Int, _ skip: Int) -> UInt64 {
                    var v: UInt64 = 0
                    let start = o[i] + skip, end = o[i + 1]
                    for k in 0..<8 { v = v << 8 | UInt64(start + k < end ? b[start + k] : 0) }
                    return v
                }
                var keyed = (0..<count).map { (prefix($0, 0), prefix($0, 8), Int32($0)) }
                keyed.sort { x, y in
                    if x.0 != y.0 { return x.0 < y.0 }
                    if x.1 != y.1 { return x.1 < y.1 }
                    let i = Int(x.2), j = Int(y.2)
                    let li = o[i + 1] - o[i], lj = o[j + 1] - o[j]
                    let common = min(li, lj) - 16
                    let c = common <= 0 ? 0 : memcmp(base! + o[i] + 16, base! + o[j] + 16, common)
                    if c != 0 { return c < 0 }
                    if li != lj { return li < lj }
                    if let tieBreak, tieBreak[i] != tieBreak[j] { return tieBreak[i] < tieBreak[j] }
                    return i < j
                }
                return keyed.map(\.2)
            }
        }
    }

    private static func ranks(_ order: [Int32]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (position, model) in order.enumerated() { rank[Int(model)] = Int32(position) }
        return rank
    }

    /// The picker rows that stand for an id: its own, else (a free twin, or a variant the
    /// catalog does not list, as recents hold them) its base's.
    func rows(id: String) -> [Int] {
        let own = models(id: id)
        if !own.isEmpty, own.allSatisfy({ freeTwinBase[$0] < 0 }) { return own }
        return models(id: ModelVariant.parse(id).base)
    }

    /// The model with this id (the first, if several share it).
    func model(id: String) -> ModelInfo? { models(id: id).min().map { catalog[$0] } }

    /// Every model with this id: a binary search in the id order.
    func models(id: String) -> [Int] {
        let key = Array(id.utf8)
        func compare(_ m: Int) -> Int32 {
            let start = idOffsets[m], length = idOffsets[m + 1] - start
            let c = ids.withUnsafeBufferPointer { b in
                key.withUnsafeBufferPointer { k in
                    min(length, k.count) == 0 ? 0 : memcmp(b.baseAddress! + start, k.baseAddress!, min(length, k.count))
                }
            }
            return c != 0 ? c : Int32(length - key.count).signum()
        }
        var lo = 0, hi = idOrder.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if compare(Int(idOrder[mid])) < 0 { lo = mid + 1 } else { hi = mid }
        }
        var found: [Int] = []
        while lo < idOrder.count, compare(Int(idOrder[lo])) == 0 {
            found.append(Int(idOrder[lo]))
            lo += 1
        }
        return found
    }
}
