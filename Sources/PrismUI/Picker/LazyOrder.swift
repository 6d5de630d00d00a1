/// Distinct keys put in ascending order only where someone looks: an incremental quicksort.
///
/// The picker shows a few dozen rows of a list that can hold 200,000 models. Asking for
/// the keys at some positions partitions only the stretch that holds them (each pivot
/// stays where it landed, so later requests start from smaller stretches) and sorts just
/// the positions asked for. The first rows of a fresh list cost about one pass over the
/// keys; the next pages cost less. Keys are distinct, so the order is a strict total order
/// and every position holds the same key a full sort would put there.
struct LazyOrder {
    private(set) var keys: [UInt64]
    /// `fixed[i]`: every key before position `i` is smaller than every key from `i` on.
    private var fixed: [Bool]
    private var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(_ keys: [UInt64]) {
        self.keys = keys
        fixed = Array(repeating: false, count: keys.count + 1)
        fixed[0] = true
        fixed[keys.count] = true
    }

    var count: Int { keys.count }

    /// The key at `position` of the sorted order.
    mutating func key(at position: Int) -> UInt64 {
        ensure(position..<(position + 1))
        return keys[position]
    }

    /// Puts the keys of `range` (clamped) in their sorted positions.
    mutating func ensure(_ range: Range<Int>) {
        let range = range.clamped(to: 0..<keys.count)
        guard !range.isEmpty else { return }
        split(at: range.lowerBound)
        split(at: range.upperBound)
        if fixed[(range.lowerBound + 1)..<range.upperBound].allSatisfy({ $0 }) { return }
        keys[range].sort()
        for i in range { fixed[i] = true }
    }

    /// How many keys are smaller than `key` (its position, if it is one of them).
    func rank(of key: UInt64) -> Int {
        var n = 0
        for k in keys where k < key { n += 1 }
        return n
    }

    /// Makes `position` a partition point.
    private mutating func split(at position: Int) {
        guard !fixed[position] else { return }
        var f = fixed
        fixed = []  // keep the flags uniquely referenced while they change
        var s = seed
        var lo = position - 1
        while !f[lo] { lo -= 1 }
        var hi = position + 1
        while !f[hi] { hi += 1 }
        keys.withUnsafeMutableBufferPointer { k in
            while true {
                if hi - lo <= 24 {
                    k[lo..<hi].sort()
                    for i in lo...hi { f[i] = true }
                    return
                }
                s = s &* 6364136223846793005 &+ 1442695040888963407
                let p = Self.partition(k, lo, hi, pivotAt: lo + Int((s >> 33) % UInt64(hi - lo)))
                f[p] = true
                f[p + 1] = true
                if position == p || position == p + 1 { return }
                if position < p { hi = p } else { lo = p + 1 }
            }
        }
        fixed = f
        seed = s
    }

    /// Partitions `k[lo..<hi]` around the key at `pivotIndex`; returns where that key ends up.
    private static func partition(_ k: UnsafeMutableBufferPointer<UInt64>, _ lo: Int, _ hi: Int, pivotAt pivotIndex: Int) -> Int {
        k.swapAt(pivotIndex, hi - 1)
        let pivot = k[hi - 1]
        var store = lo
        for i in lo..<(hi - 1) where k[i] < pivot {
            k.swapAt(i, store)
            store += 1
        }
        k.swapAt(store, hi - 1)
        return store
    }
}
