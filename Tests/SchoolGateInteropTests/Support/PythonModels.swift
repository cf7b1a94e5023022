import Foundation
import SchoolGate

/// A DTSTART / DTEND as Python's icalendar decoded it.
struct PyWhen: Decodable, Equatable, CustomStringConvertible {
    var kind: String
    var epoch: Int?
    var date: String?
    var local: String?

    static func instant(_ date: Date) -> PyWhen { PyWhen(kind: "instant", epoch: Int(date.timeIntervalSince1970)) }
    static func day(_ date: LocalDate) -> PyWhen { PyWhen(kind: "date", date: date.description) }

    var description: String { "\(kind) \(epoch.map(String.init) ?? date ?? local ?? "?")" }
}

struct PyEvent: Decodable {
    var uid: String?
    var summary: String?
    var location: String?
    var description: String?
    var classification: String?
    var audience: String?
    var start: PyWhen?
    var end: PyWhen?
    var stamp: PyWhen?

    enum CodingKeys: String, CodingKey {
        case uid, summary, location, description, audience, start, end, stamp
        case classification = "class"
    }
}

struct PyCalendar: Decodable {
    var version: String?
    var prodid: String?
    var calscale: String?
    var name: String?
    var events: [PyEvent]
    var errors: [String]
}

struct PyMadeCalendar: Decodable {
    struct Event: Decodable {
        var uid: String
        var summary: String
        var location: String
        var description: String
        var start: PyWhen
        var end: PyWhen
    }

    var name: String
    var events: [Event]
}

struct PyCards: Decodable {
    struct Card: Decodable {
        var version: String?
        var fn: String?
        var family: String?
        var given: String?
        var org: [[String]]
        var title: [String]
        var email: [String]
        var tel: [String]
        var note: [String]
        var uid: [String]
    }

    var cards: [Card]
}

struct PyMessages: Decodable {
    struct Message: Decodable {
        var file: String
        var from_name: String?
        var from_address: String?
        var to_name: String?
        var to_address: String?
        var subject: String
        var date_epoch: Int
        var message_id: String
        var mime_version: String
        var content_type: String
        var charset: String?
        var transfer_encoding: String
        var body: String?
        var defects: [String]
        var crlf_only: Bool
        var max_line: Int
    }

    var messages: [Message]
}
