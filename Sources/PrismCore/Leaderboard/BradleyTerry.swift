import Foundation

/// Bradley-Terry strengths fitted by Newton's method, with a weak prior, shown on an Elo scale.
///
/// Why Bradley-Terry and not online Elo: Elo's result depends on the order of the matches and
/// has no uncertainty; this fit uses every match at once (the order never matters) and its
/// curvature gives a standard error, so a model with two matches visibly knows little.
/// The model: P(i beats j) = σ(θᵢ − θⱼ). A fixed reference ("good enough", θ = 0) takes the
/// other side of thumbs and "all bad"; the prior is `priorWeight` (2) virtual ties of every
/// model against it, so the fit is defined from the first match and 1–0 stays near the centre.
/// A tie counts as half a win for each side. Ratings are 1500 + θ·400/ln 10, Elo's scale.
///
/// The standard error is the one of a model's distance from the mean of the models rated
/// (with two or more): matches between models say nothing about their common level, which
/// only the prior pins, so the plain error would never shrink however many picks a model won.
public enum BradleyTerry {
    /// One weighted outcome: `score` 1 when `winner` won, 0.5 for a tie. Nil is the reference.
    public struct Outcome: Sendable, Equatable {
        public var winner: String?
        public var loser: String?
        public var score: Double
        public var weight: Double

        public init(winner: String?, loser: String?, score: Double = 1, weight: Double = 1) {
            self.winner = winner
            self.loser = loser
            self.score = score
            self.weight = weight
        }
    }

    /// A model's fitted strength: θ and its standard error, both in natural-log units.
    public struct Strength: Sendable, Equatable {
        public var theta: Double
        public var standardError: Double

        /// On the Elo scale (1500 is the reference).
        public var rating: Double { BradleyTerry.center + theta * BradleyTerry.eloPerNat }
        /// The half-width of the 95% interval on the Elo scale (1.96 standard errors).
        public var uncertainty: Double { 1.96 * standardError * BradleyTerry.eloPerNat }
    }

    public static let center = 1500.0
    public static let eloPerNat = 400 / log(10.0)

    /// The maximum a-posteriori strengths of every model named in `outcomes`.
    public static func fit(_ outcomes: [Outcome], priorWeight: Double = 2, iterations: Int = 100) -> [String: Strength] {
        let models = Array(Set(outcomes.flatMap { [$0.winner, $0.loser].compactMap { $0 } })).sorted()
        let index = Dictionary(uniqueKeysWithValues: models.enumerated().map { ($1, $0) })
        let n = models.count
        guard n > 0 else { return [:] }
        // Outcomes with the same sides and score add up (the likelihood is linear in their
        // weights): thousands of verdicts between a few models become a few hundred terms, and
        // the names are looked up once, not once per Newton step.
        struct Term: Hashable { var w: Int?; var l: Int?; var score: Double }
        var weights: [Term: Double] = [:]
        for o in outcomes {
            weights[Term(w: o.winner.flatMap { index[$0] }, l: o.loser.flatMap { index[$0] }, score: o.score), default: 0] += o.weight
        }
        let terms = weights.sorted { ($0.key.w ?? -1, $0.key.l ?? -1, $0.key.score) < ($1.key.w ?? -1, $1.key.l ?? -1, $1.key.score) }
        var theta = [Double](repeating: 0, count: n)
        var information = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for _ in 0..<iterations {
            var gradient = [Double](repeating: 0, count: n)
            information = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n {  // the prior: virtual ties against the reference
                let p = sigmoid(theta[i])
                gradient[i] += priorWeight * (0.5 - p)
                information[i][i] += priorWeight * p * (1 - p)
            }
            for (term, weight) in terms {
                let w = term.w, l = term.l
                let p = sigmoid((w.map { theta[$0] } ?? 0) - (l.map { theta[$0] } ?? 0))
                let g = weight * (term.score - p), h = weight * p * (1 - p)
                if let w { gradient[w] += g; information[w][w] += h }
                if let l { gradient[l] -= g; information[l][l] += h }
                if let w, let l { information[w][l] -= h; information[l][w] -= h }
            }
            guard let step = solve(information, gradient) else { break }
            for i in 0..<n { theta[i] += step[i] }
            if step.map(abs).max() ?? 0 < 1e-10 { break }
        }
        let covariance = invert(information)
        var result: [String: Strength] = [:]
        for (i, model) in models.enumerated() {
            let variance = covariance.map { contrastVariance($0, of: i) } ?? .infinity
            result[model] = Strength(theta: theta[i], standardError: variance.squareRoot())
        }
        return result
    }

    /// Var(θᵢ − mean θ) from the covariance; Var(θᵢ) when there is one model.
    static func contrastVariance(_ c: [[Double]], of i: Int) -> Double {
        let n = Double(c.count)
        guard c.count > 1 else { return c[i][i] }
        let row = c[i].reduce(0, +), all = c.reduce(0) { $0 + $1.reduce(0, +) }
        return max(0, c[i][i] - 2 * row / n + all / (n * n))
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    /// Solves `a · x = b` by Gaussian elimination with partial pivoting; nil when singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        let n = b.count
        var m = a
        var x = b
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(m[$0][col]) < abs(m[$1][col]) }), abs(m[pivot][col]) > 1e-12 else { return nil }
            m.swapAt(col, pivot)
            x.swapAt(col, pivot)
            for row in 0..<n where row != col {
                let factor = m[row][col] / m[col][col]
                if factor == 0 { continue }
                for k in col..<n { m[row][k] -= factor * m[col][k] }
                x[row] -= factor * x[col]
            }
        }
        return (0..<n).map { x[$0] / m[$0][$0] }
    }

    /// The inverse, column by column; nil when singular.
    static func invert(_ a: [[Double]]) -> [[Double]]? {
        let n = a.count
        var columns: [[Double]] = []
        for j in 0..<n {
            guard let column = solve(a, (0..<n).map { $0 == j ? 1 : 0 }) else { return nil }
            columns.append(column)
        }
        return (0..<n).map { i in (0..<n).map { j in columns[j][i] } }
    }
}
