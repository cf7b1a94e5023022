import Foundation
import SchoolGate

/// The e-mail that carries a parents' portal sign-in code: the code, for how long it works,
/// what to do if it was not asked for. Nothing in it tells more than the address's owner
/// may know (no site names: a code is sent for signing in, whatever they can see).
public struct SignInCodeMessage: Sendable, Hashable {
    public var from: Mailbox
    public var to: EmailAddress
    public var schoolName: String
    public var code: String
    /// Minutes the code works for.
    public var minutes: Int
    public var date: Date
    public var timeZone: TimeZone
    public var messageID: String

    public init(from: Mailbox, to: EmailAddress, schoolName: String, code: String, minutes: Int, date: Date,
                timeZone: TimeZone, messageID: String) {
        self.from = from
        self.to = to
        self.schoolName = schoolName
        self.code = code
        self.minutes = minutes
        self.date = date
        self.timeZone = timeZone
        self.messageID = messageID
    }

    public var subject: String { "Your sign-in code for \(MIMEEncoding.headerSafe(schoolName))" }

    public var bodyText: String {
        let school = SafeText.neutralised(schoolName)
        return [
            "Hello,",
            "",
            "Your code to sign in to the parents' pages of \(school) is:",
            "",
            "    \(code)",
            "",
            "Type it on the page that asked for it. It works once, for \(minutes) minutes, and only",
            "the newest code you asked for works.",
            "",
            "Nobody from the school will ever ask you for this code: do not share it.",
            "",
            "Did not ask for a code? You do not need to do anything; nobody can sign in without it.",
            "If this keeps happening, please tell the school office.",
            "",
            school,
        ].joined(separator: "\n")
    }

    /// The whole message, ready for `sendmail -t`.
    public func rendered() -> Data {
        MIMEEncoding.plainTextMessage(date: date, timeZone: timeZone, from: from.headerWords, to: Mailbox(to).headerWords,
                                      subject: subject, messageID: messageID, body: bodyText)
    }
}
