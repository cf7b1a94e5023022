import Foundation
import SchoolGate
import SchoolGateStore

/// The RFC 5322 e-mail that carries an approved invitation's one-time code.
enum InvitationMail {
    /// The message for `notice`, with CRLF line ends, UTF-8 body and RFC 2047 encoded headers.
    static func message(_ notice: InvitationNotice, date: Date, messageID: String) -> Data {
        let zone = TimeZone(identifier: notice.timeZone) ?? .current
        let expires = Times.local(notice.expires, zone)
        let headers = [
            "From: \(displayName(notice.schoolName)) <\(notice.mailFrom)>",
            "To: <\(notice.to.value)>",
            "Subject: \(encodedWord("Invitation to \(notice.siteTitle) at \(notice.schoolName)"))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "X-Schoolgate-Invitation: \(notice.invitationID)",
        ]
        let body = [
            "Hello,",
            "",
            "\(notice.schoolName) invites you to see the site \"\(notice.siteTitle)\" (\(notice.site)).",
            "",
            "Your one-time invitation code is:",
            "",
            "    \(notice.code)",
            "",
            "To accept, sign in with your own e-mail address (\(notice.to.value)) and enter the code.",
            "The code works once only, and only for you: please do not forward this e-mail.",
            "It expires on \(expires) (\(zone.identifier)).",
            "",
            "If you did not expect this invitation, please tell the school office.",
            "",
            notice.schoolName,
        ]
        let text = (headers + [""] + body.map { SafeText.neutralised($0) }).joined(separator: "\r\n") + "\r\n"
        return Data(text.utf8)
    }

    /// The staged outbox file for an approval.
    static func stagedFile(_ notice: InvitationNotice, date: Date) -> StagedFile {
        let stamp = Int(date.timeIntervalSince1970)
        let unique = (0..<4).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let name = "\(stamp).invitation-\(notice.invitationID).\(unique).eml"
        let messageID = "invitation-\(notice.invitationID).\(stamp).\(unique)@schoolgate"
        return StagedFile(relativePath: "outbox/new/" + name, data: message(notice, date: date, messageID: messageID))
    }

    /// `text` as is when plain printable ASCII, else as one or more RFC 2047 B-encoded words.
    static func encodedWord(_ text: String) -> String {
        let clean = SafeText.neutralised(text)
        if clean.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) && !clean.contains("=?") {
            return clean
        }
        // Split on character boundaries so that each word stays under 75 characters.
        var words: [String] = [], chunk = ""
        for ch in clean {
            if Data((chunk + String(ch)).utf8).count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(ch)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// A display name for an address header: an encoded word, or a quoted string when it
    /// holds characters with a meaning in addresses.
    static func displayName(_ text: String) -> String {
        let word = encodedWord(text)
        guard !word.hasPrefix("=?") else { return word }
        let specials = Set("()<>[]:;@\\,.\"")
        guard word.contains(where: { specials.contains($0) }) else { return word }
        return "\"" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func rfc5322Date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: d)
    }
}
