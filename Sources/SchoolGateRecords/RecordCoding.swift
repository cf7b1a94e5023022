import Foundation
import SchoolGate

/// A JSON key of a journal record.
struct Key: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ name: String) { stringValue = name }
    init(stringLiteral name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

typealias Reader = KeyedDecodingContainer<Key>
typealias Writer = KeyedEncodingContainer<Key>

/// A model value with an explicit JSON form in journal records.
///
/// Its keys are written out by hand, so the model type may change while old records stay
/// readable: a field added later is read with a default when it is missing, and keys a
/// reader does not know are ignored.
protocol RecordFields {
    init(fields c: Reader) throws
    func write(fields c: inout Writer) throws
}

/// Why a stored record cannot be read.
struct RecordProblem: Error, CustomStringConvertible {
    var description: String
}

extension Reader {
    /// The first of `names` that is present: a field's current key first, then the key an
    /// earlier version wrote (`_0`, `_1`: Swift's names for unlabelled enum payloads).
    func key(_ names: [String]) throws -> Key {
        for name in names where contains(Key(name)) { return Key(name) }
        throw RecordProblem(description: "the field \(names[0]) is missing")
    }

    func value<T: Decodable>(_ type: T.Type, _ names: String...) throws -> T {
        try decode(T.self, forKey: key(names))
    }

    func optional<T: Decodable>(_ type: T.Type, _ names: String...) throws -> T? {
        for name in names where contains(Key(name)) { return try decodeIfPresent(T.self, forKey: Key(name)) }
        return nil
    }

    func object<T: RecordFields>(_ type: T.Type, _ names: String...) throws -> T {
        try T(fields: nestedContainer(keyedBy: Key.self, forKey: key(names)))
    }

    func optionalObject<T: RecordFields>(_ type: T.Type, _ names: String...) throws -> T? {
        for name in names where contains(Key(name)) {
            if try decodeNil(forKey: Key(name)) { return nil }
            return try T(fields: nestedContainer(keyedBy: Key.self, forKey: Key(name)))
        }
        return nil
    }

    func objects<T: RecordFields>(_ type: T.Type, _ name: String) throws -> [T] {
        guard contains(Key(name)) else { return [] }
        var list = try nestedUnkeyedContainer(forKey: Key(name))
        var result: [T] = []
        while !list.isAtEnd { result.append(try T(fields: list.nestedContainer(keyedBy: Key.self))) }
        return result
    }

    /// An instant: ISO 8601 text, or (records of format 1) seconds since 2001-01-01.
    func time(_ names: String...) throws -> Date {
        try time(at: key(names))
    }

    func optionalTime(_ names: String...) throws -> Date? {
        for name in names where contains(Key(name)) {
            return try decodeNil(forKey: Key(name)) ? nil : time(at: Key(name))
        }
        return nil
    }

    private func time(at key: Key) throws -> Date {
        if let text = try? decode(String.self, forKey: key) { return try RecordTime.date(text) }
        let seconds = try decode(Double.self, forKey: key)
        guard seconds.isFinite else { throw RecordProblem(description: "\(key.stringValue) is not a time") }
        return Date(timeIntervalSinceReferenceDate: seconds)
    }

    /// A calendar day: `YYYY-MM-DD`, or (records of format 1) `{"year":…,"month":…,"day":…}`.
    func day(_ names: String...) throws -> LocalDate {
        try day(at: key(names))
    }

    func optionalDay(_ names: String...) throws -> LocalDate? {
        for name in names where contains(Key(name)) {
            return try decodeNil(forKey: Key(name)) ? nil : day(at: Key(name))
        }
        return nil
    }

    private func day(at key: Key) throws -> LocalDate {
        if let text = try? decode(String.self, forKey: key) {
            guard let day = LocalDate(text) else { throw RecordProblem(description: "\"\(text.prefix(20))\" is not a date") }
            return day
        }
        let c = try nestedContainer(keyedBy: Key.self, forKey: key)
        guard let day = LocalDate(year: try c.value(Int.self, "year"), month: try c.value(Int.self, "month"),
                                  day: try c.value(Int.self, "day"))
        else { throw RecordProblem(description: "\(key.stringValue) is not a date") }
        return day
    }

    func email(_ names: String...) throws -> EmailAddress {
        try EmailAddress(decode(String.self, forKey: key(names)))
    }

    func optionalEmail(_ names: String...) throws -> EmailAddress? {
        for name in names where contains(Key(name)) {
            guard let text = try decodeIfPresent(String.self, forKey: Key(name)) else { return nil }
            return try EmailAddress(text)
        }
        return nil
    }

    func site(_ names: String...) throws -> SiteID {
        let text = try decode(String.self, forKey: key(names))
        guard let id = SiteID(text) else { throw RecordProblem(description: "\"\(text.prefix(80))\" is not a site") }
        return id
    }

    func optionalRaw<E: RawRepresentable>(_ type: E.Type, _ name: String) throws -> E? where E.RawValue == String {
        contains(Key(name)) ? try raw(E.self, name) : nil
    }

    func raw<E: RawRepresentable>(_ type: E.Type, _ names: String...) throws -> E where E.RawValue == String {
        let text = try decode(String.self, forKey: key(names))
        guard let value = E(rawValue: text) else {
            throw RecordProblem(description: "\"\(text.prefix(40))\" is not a known \(names[0])")
        }
        return value
    }
}

extension Writer {
    mutating func put<T: Encodable>(_ value: T, _ name: String) throws {
        try encode(value, forKey: Key(name))
    }

    /// Writes nothing for nil (a reader takes a missing key as nil).
    mutating func putIfPresent<T: Encodable>(_ value: T?, _ name: String) throws {
        try encodeIfPresent(value, forKey: Key(name))
    }

    mutating func object<T: RecordFields>(_ value: T, _ name: String) throws {
        var c = nestedContainer(keyedBy: Key.self, forKey: Key(name))
        try value.write(fields: &c)
    }

    mutating func objectIfPresent<T: RecordFields>(_ value: T?, _ name: String) throws {
        if let value { try object(value, name) }
    }

    /// Writes nothing for an empty list.
    mutating func objects<T: RecordFields>(_ values: [T], _ name: String) throws {
        guard !values.isEmpty else { return }
        var list = nestedUnkeyedContainer(forKey: Key(name))
        for value in values {
            var c = list.nestedContainer(keyedBy: Key.self)
            try value.write(fields: &c)
        }
    }

    mutating func time(_ date: Date, _ name: String) throws {
        if let text = RecordTime.text(date) {
            try encode(text, forKey: Key(name))
        } else {
            try encode(date.timeIntervalSinceReferenceDate, forKey: Key(name))
        }
    }

    mutating func timeIfPresent(_ date: Date?, _ name: String) throws {
        if let date { try time(date, name) }
    }

    mutating func day(_ day: LocalDate, _ name: String) throws {
        try encode(day.description, forKey: Key(name))
    }

    mutating func dayIfPresent(_ day: LocalDate?, _ name: String) throws {
        if let day { try self.day(day, name) }
    }

    mutating func email(_ address: EmailAddress, _ name: String) throws {
        try encode(address.value, forKey: Key(name))
    }

    mutating func site(_ id: SiteID, _ name: String) throws {
        try encode(id.description, forKey: Key(name))
    }
}
