import Foundation
import SchoolGate
import SchoolGateInterop
import SchoolGateStore

/// The outbox file that carries an approved invitation's one-time code.
public enum InvitationMail {
    /// The staged outbox file for an approval: the interop module's RFC 5322 message,
    /// named `<seconds>.invitation-<id>.<random>.eml` so that the oldest is sent first.
    public static func stagedFile(_ notice: InvitationNotice, date: Date) -> StagedFile {
        let zone = TimeZone(identifier: notice.timeZone) ?? .current
        let from = (try? EmailAddress(notice.mailFrom)) ?? notice.to
        let message = InvitationMessage(
            from: Mailbox(from, name: notice.schoolName), to: Mailbox(notice.to), schoolName: notice.schoolName,
            siteName: notice.siteTitle, code: notice.code, expires: lastWholeDay(before: notice.expires, in: zone),
            accountMustMatch: notice.requireAccountMatch,
            date: date, timeZone: zone, messageID: InvitationMessage.makeMessageID(domain: from.domain, date: date),
            portalURL: notice.portalURL)
        let stamp = Int(date.timeIntervalSince1970)
        let unique = (0..<4).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return StagedFile(relativePath: "outbox/new/\(stamp).invitation-\(notice.invitationID).\(unique).eml",
                          data: message.rendered())
    }

    /// The last day on which the code works all day: the day before the one it expires on
    /// (a code that expires at 09:30 on the 26th is promised "until the end of" the 25th).
    static func lastWholeDay(before expiry: Date, in zone: TimeZone) -> LocalDate {
        LocalDate(expiry, in: zone).adding(days: -1)
    }
}
