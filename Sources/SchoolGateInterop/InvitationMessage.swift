import Foundation
import SchoolGate

/// An e-mail address with an optional display name (`"Hillside Office" <office@hillside.sch.uk>`).
public struct Mailbox: Sendable, Hashable {
    public var name: String
    public var address: EmailAddress

    public init(_ address: EmailAddress, name: String = "") {
        self.address = address
        self.name = name
    }

    /// The header words: the phrase (encoded when not ASCII) and `<address>`.
    var headerWords: [String] {
        let phrase = MIMEEncoding.phrase(name)
        return phrase.isEmpty ? [address.value] : phrase + ["<\(address.value)>"]
    }
}

/// The e-mail that carries an approved invitation's one-time code (RFC 5322, MIME
/// plain text in UTF-8, quoted-printable, CRLF line ends).
public struct InvitationMessage: Sendable, Hashable {
    /// The school's configured sender.
    public var from: Mailbox
    /// The invited person.
    public var to: Mailbox
    public var schoolName: String
    public var siteName: String
    /// The one-time code, exactly as the person must type it.
    public var code: String
    /// The last day the code can be used, if it expires.
    public var expires: LocalDate?
    /// What the person has to do with the code (one or more sentences).
    public var howToAccept: String
    /// When the message is written (the `Date` header).
    public var date: Date
    /// The school's zone, for the `Date` header and nothing else.
    public var timeZone: TimeZone
    /// `<...@domain>`; see ``makeMessageID(domain:date:using:)``.
    public var messageID: String

    /// The default instructions.
    public static let defaultHowToAccept =
        "Sign in with this e-mail address and enter the code when you are asked for an invitation code."

    public init(from: Mailbox, to: Mailbox, schoolName: String, siteName: String, code: String,
                expires: LocalDate? = nil, howToAccept: String = InvitationMessage.defaultHowToAccept,
                date: Date, timeZone: TimeZone, messageID: String) {
        self.from = from
        self.to = to
        self.schoolName = schoolName
        self.siteName = siteName
        self.code = code
        self.expires = expires
        self.howToAccept = howToAccept
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
    }

    /// A new unique `Message-ID`: 128 random bits and the time, at the school's domain
    /// (`<3f2a...c1.1781253800@hillside.sch.uk>`).
    public static func makeMessageID(domain: String, date: Date,
                                     using generator: inout some RandomNumberGenerator) -> String {
        let random = (0..<2).map { _ in
            let value = generator.next()
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        let safeDomain = domain.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
            && !domain.isEmpty ? domain : "schoolgate.invalid"
        return "<\(random).\(Int(date.timeIntervalSince1970))@\(safeDomain)>"
    }

    /// A new unique `Message-ID` from the system's secure random source.
    public static func makeMessageID(domain: String, date: Date) -> String {
        var generator = SystemRandomNumberGenerator()
        return makeMessageID(domain: domain, date: date, using: &generator)
    }

    /// `Invitation to "Year 6 Paris trip" from Hillside Primary School`.
    public var subject: String {
        "Invitation to \"\(MIMEEncoding.headerSafe(siteName))\" from \(MIMEEncoding.headerSafe(schoolName))"
    }

    /// The body as plain text (LF line breaks).
    public var bodyText: String {
        let school = SafeText.neutralised(schoolName)
        let greeting = to.name.isEmpty ? "Hello," : "Dear \(SafeText.neutralised(to.name)),"
        var lines = [
            greeting,
            "",
            "\(school) has invited you to see \"\(SafeText.neutralised(siteName))\".",
            "",
            "Your one-time invitation code is:",
            "",
            "    \(SafeText.neutralised(code))",
            "",
            SafeText.neutralised(howToAccept, keepNewlines: true),
            "",
        ]
        var rule = "The code works once, only for \(to.address.value)"
        if let expires { rule += ", until the end of \(Self.longDate(expires))" }
        lines.append(rule + ". Please do not forward this e-mail: a forwarded code will not work for anyone else.")
        lines += [
            "",
            "If you were not expecting this invitation, you can ignore this e-mail, or tell the school office.",
            "",
            school,
        ]
        return lines.joined(separator: "\n")
    }

    /// The whole message, ready for a maildir or `sendmail -t`.
    public func rendered() -> Data {
        var header = ""
        header += MIMEEncoding.headerLine("Date", [MIMEEncoding.rfc5322Date(date, in: timeZone)])
        header += MIMEEncoding.headerLine("From", from.headerWords)
        header += MIMEEncoding.headerLine("To", to.headerWords)
        header += MIMEEncoding.headerLine("Subject", MIMEEncoding.unstructured(subject))
        header += MIMEEncoding.headerLine("Message-ID", [MIMEEncoding.headerSafe(messageID)])
        header += MIMEEncoding.headerLine("MIME-Version", ["1.0"])
        header += MIMEEncoding.headerLine("Content-Type", ["text/plain;", "charset=UTF-8"])
        header += MIMEEncoding.headerLine("Content-Transfer-Encoding", ["quoted-printable"])
        header += MIMEEncoding.headerLine("Auto-Submitted", ["auto-generated"])
        return Data((header + "\r\n" + MIMEEncoding.quotedPrintable(bodyText) + "\r\n").utf8)
    }

    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// `Friday 26 June 2026`.
    static func longDate(_ date: LocalDate) -> String {
        "\(dayNames[date.isoWeekday - 1]) \(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }
}
