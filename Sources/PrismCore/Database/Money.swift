import Foundation

/// How money is stored: whole pico-dollars (10⁻¹² USD) in a 64-bit integer.
///
/// Integers add up exactly in SQL (`SUM` of integers stays an integer), and 10⁻¹² is finer
/// than any cost or price OpenRouter reports (prices per token go to 10⁻¹⁰ at most); a
/// finer amount is rounded to the nearest pico-dollar. An entry can hold up to about
/// $9.2 million. `Decimal` goes in and comes out, never `Double`.
public enum Money {
    static let scale: Int16 = 12

    /// `amount` in pico-dollars; an error for a negative amount or one too large to store.
    public static func pico(_ amount: Decimal) throws -> Int64 {
        guard amount >= 0 else { throw DatabaseError(.value, "a negative amount (\(amount)) cannot be stored") }
        var scaled = amount * Decimal(sign: .plus, exponent: Int(scale), significand: 1)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, 0, .plain)
        guard let value = Int64("\(rounded)") else {
            throw DatabaseError(.value, "the amount \(amount) is too large to store")
        }
        return value
    }

    /// The exact `Decimal` for a pico-dollar count.
    public static func decimal(pico: Int64) -> Decimal {
        Decimal(sign: pico < 0 ? .minus : .plus, exponent: -Int(scale), significand: Decimal(pico.magnitude))
    }
}
