import Foundation

/// A UTC calendar time with millisecond precision, converted to and from text by hand.
///
/// Session files hold thousands of dates; `ISO8601DateFormatter` is slow, not
/// `Sendable`, and drops milliseconds unless configured just so. Plain integer
/// arithmetic (Howard Hinnant's civil-date algorithms) is exact and fast, so a date
/// written and read back keeps its milliseconds bit for bit.
struct UTCTimestamp: Equatable, Sendable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var millisecond: Int

    /// Breaks a date into calendar fields, rounding to the nearest millisecond.
    init?(_ date: Date) {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) < 200_000_000_000 else { return nil }
        let totalMs = Int64((seconds * 1000).rounded())
        let msPerDay: Int64 = 86_400_000
        var days = totalMs / msPerDay
        var msOfDay = totalMs % msPerDay
        if msOfDay < 0 {
            msOfDay += msPerDay
            days -= 1
        }
        let civil = UTCTimestamp.civil(fromDays: Int(days))
        guard (0...9999).contains(civil.year) else { return nil }
        year = civil.year
        month = civil.month
        day = civil.day
        let ms = Int(msOfDay)
        hour = ms / 3_600_000
        minute = ms / 60_000 % 60
        second = ms / 1000 % 60
        millisecond = ms % 1000
    }

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The instant these fields name, built from whole milliseconds so it reads back exactly.
    var date: Date {
        let days = Int64(UTCTimestamp.days(fromCivil: year, month, day))
        let ms = days * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
            + Int64(second) * 1000 + Int64(millisecond)
        return Date(timeIntervalSince1970: Double(ms) / 1000)
    }

    /// `2026-11-22T02:51:00.123Z`.
    var iso8601: String {
        var out: [UInt8] = []
        out.reserveCapacity(24)
        UTCTimestamp.append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        UTCTimestamp.append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        UTCTimestamp.append(day, width: 2, to: &out)
        out.append(UInt8(ascii: "T"))
        UTCTimestamp.append(hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        UTCTimestamp.append(minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        UTCTimestamp.append(second, width: 2, to: &out)
        out.append(UInt8(ascii: "."))
        UTCTimestamp.append(millisecond, width: 3, to: &out)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Digits only, for ids and file names: `20261122-025100` (with `separator` "-") or `20261122T025100Z`.
    func compact(separator: String = "-", suffix: String = "") -> String {
        var date: [UInt8] = []
        UTCTimestamp.append(year, width: 4, to: &date)
        UTCTimestamp.append(month, width: 2, to: &date)
        UTCTimestamp.append(day, width: 2, to: &date)
        var time: [UInt8] = []
        UTCTimestamp.append(hour, width: 2, to: &time)
        UTCTimestamp.append(minute, width: 2, to: &time)
        UTCTimestamp.append(second, width: 2, to: &time)
        return String(decoding: date, as: UTF8.self) + separator + String(decoding: time, as: UTF8.self) + suffix
    }

    /// `2026-11-22 02:51 UTC`, for people.
    var readable: String {
        var out: [UInt8] = []
        UTCTimestamp.append(year, width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        UTCTimestamp.append(month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        UTCTimestamp.append(day, width: 2, to: &out)
        out.append(UInt8(ascii: " "))
        UTCTimestamp.append(hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        UTCTimestamp.append(minute, width: 2, to: &out)
        return String(decoding: out, as: UTF8.self) + " UTC"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff…]Z`; anything else returns `nil` (callers fall back to Foundation).
    static func parse(_ text: String) -> UTCTimestamp? {
        var text = text
        return text.withUTF8 { bytes -> UTCTimestamp? in
            guard bytes.count >= 20, bytes[bytes.count - 1] == UInt8(ascii: "Z") else { return nil }
            func number(_ start: Int, _ length: Int) -> Int? {
                var value = 0
                for i in start..<(start + length) {
                    let digit = Int(bytes[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    value = value * 10 + digit
                }
                return value
            }
            func byte(_ i: Int, is c: Character) -> Bool { bytes[i] == c.asciiValue! }
            guard byte(4, is: "-"), byte(7, is: "-"), byte(10, is: "T") || byte(10, is: "t"),
                  byte(13, is: ":"), byte(16, is: ":"),
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                  (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
            else { return nil }
            var millisecond = 0
            let end = bytes.count - 1
            if end > 19 {
                guard byte(19, is: "."), end > 20 else { return nil }
                // Take three digits, padded, and round on the fourth; ignore the rest.
                var digits = [0, 0, 0, 0]
                for i in 20..<end {
                    let digit = Int(bytes[i]) - 48
                    guard (0...9).contains(digit) else { return nil }
                    if i - 20 < 4 { digits[i - 20] = digit }
                }
                millisecond = digits[0] * 100 + digits[1] * 10 + digits[2] + (digits[3] >= 5 ? 1 : 0)
            }
            return UTCTimestamp(year: year, month: month, day: day, hour: hour, minute: minute,
                                second: second, millisecond: millisecond)
        }
    }

    private static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var v = value
        var i = width - 1
        while i >= 0 {
            digits[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        }
        out.append(contentsOf: digits)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
