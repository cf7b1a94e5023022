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
    /// Whether the school accepts the code only from the invited address (the tenant
    /// policy `require-account-match`); the instructions say so.
    public var accountMustMatch: Bool
    /// When the message is written (the `Date` header).
    public var date: Date
    /// The school's zone, for the `Date` header and nothing else.
    public var timeZone: TimeZone
    /// `<...@domain>`; see ``makeMessageID(domain:date:using:)``.
    public var messageID: String
    /// The parents' portal's address (tenant policy `portal-url`): the message then links
    /// to its accept page. Nil: it tells the parent to go to the school's website.
    public var portalURL: String?

    public init(from: Mailbox, to: Mailbox, schoolName: String, siteName: String, code: String,
                expires: LocalDate? = nil, accountMustMatch: Bool = true,
                date: Date, timeZone: TimeZone, messageID: String, portalURL: String? = nil) {
        self.portalURL = portalURL
        self.from = from
        self.to = to
        self.schoolName = schoolName
        self.siteName = siteName
        self.code = code
        self.expires = expires
        self.accountMustMatch = accountMustMatch
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

    /// The body as plain text (LF line breaks), written for a parent: what the code is,
    /// for whom and until when it works, how to use it, what to do if it was not
    /// expected, and never to share it.
    public var bodyText: String {
        let school = SafeText.neutralised(schoolName)
        let site = "\"\(SafeText.neutralised(siteName))\""
        let address = to.address.value
        let greeting = to.name.isEmpty ? "Hello," : "Dear \(SafeText.neutralised(to.name)),"
        let until = expires.map { ", until the end of \(Self.longDate($0))" } ?? ""
        let whichAddress = accountMustMatch
            ? ["   Use \(address), the address this e-mail was sent to:", "   the school accepts the code only with that address."]
            : ["   Use your own e-mail address; the school expects \(address),", "   the address this e-mail was sent to."]
        var lines = [
            greeting,
            "",
            "\(school) has invited you to see \(site) on the school's website.",
            "",
            "Your invitation code is:",
            "",
            "    \(SafeText.neutralised(code))",
            "",
            "This code is your personal key to \(site).",
            "It works once, only for you (\(address))\(until).",
            "",
            "How to accept the invitation:",
            "",
        ]
        if let portal = portalURL.flatMap(PortalAddress.init)?.text {
            let link = "\(portal)/accept?code=" + code.filter { $0.isLetter || $0.isNumber || $0 == "-" }
            lines += [
                "1. Open the school's parents' pages with this link:",
                "   \(link)",
                "   (or go to \(portal)/accept and type the code above).",
                "2. Type your e-mail address.",
            ]
            lines += whichAddress
            lines += [
                "3. The school e-mails you a six-digit code to check that the address is yours; type it.",
                "   That is all: from then on you see \(site) whenever you sign in at",
                "   \(portal) with your e-mail address. You will not need this code again.",
            ]
        } else {
            lines += [
                "1. Go to the school's website the way you usually do (from the school's home page or the",
                "   address the school gave you) and open \(site). This e-mail has no link on purpose.",
                "2. When you are asked for an invitation code, enter your e-mail address and the code above.",
            ]
            lines += whichAddress
            lines += [
                "3. The school e-mails you a six-digit code to check that the address is yours; type it.",
                "   That is all: from then on you see \(site) whenever you sign in.",
                "   You will not need the invitation code again.",
            ]
        }
        lines += [
            "",
            "Please keep the code to yourself. Do not forward this e-mail or share the code, even with",
            "someone who says they are from the school: nobody from the school will ever ask you for it.",
            "Once used, the code does not work again.",
            "",
            "Not expecting this invitation? You do not need to do anything: the code will simply expire.",
            "If you are worried that someone else asked for it, please tell the school office.",
            "",
            "With best wishes,",
            school,
        ]
        return lines.joined(separator: "\n")
    }

    /// The whole message, ready for a maildir or `sendmail -t`.
    public func rendered() -> Data {
        MIMEEncoding.plainTextMessage(date: date, timeZone: timeZone, from: from.headerWords, to: to.headerWords,
                                      subject: subject, messageID: messageID, body: bodyText)
    }

    private static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"]

    /// `Friday 26 June 2026`.
    static func longDate(_ date: LocalDate) -> String {
        "\(dayNames[date.isoWeekday - 1]) \(date.day) \(monthNames[date.month - 1]) \(date.year)"
    }
}
