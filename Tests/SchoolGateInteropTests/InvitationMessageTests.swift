import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("Invitation e-mail")
struct InvitationMessageTests {
    static let date = Fixture.instant("2026-06-12T08:30:00Z")

    static func message(to name: String = "Zoë Martin-Lefèvre", address: String = "zoe@example.fr",
                        fromName: String = "École Sainte-Marie — Secrétariat",
                        site: String = "Voyage à Paris 🇫🇷 — Year 6, 2026",
                        code: String = "K7QF-4MXZ-92PA-RT3H") -> InvitationMessage {
        InvitationMessage(
            from: Mailbox(Fixture.email("office@sainte-marie.sch.uk"), name: fromName),
            to: Mailbox(Fixture.email(address), name: name),
            schoolName: "École Sainte-Marie", siteName: site, code: code,
            expires: Fixture.day("2026-06-26"),
            date: date, timeZone: Fixture.london,
            messageID: InvitationMessage.makeMessageID(domain: "sainte-marie.sch.uk", date: date))
    }

    func parsed(_ messages: [InvitationMessage]) throws -> [PyMessages.Message] {
        let folder = try TemporaryFolder()
        var paths: [String] = []
        for (index, message) in messages.enumerated() {
            let file = folder.file("m\(index).eml")
            try message.rendered().write(to: file)
            paths.append(file.path)
        }
        return try PythonCheck.run(PyMessages.self, ["eml"] + paths).messages
    }

    @Test("Python's email package reads headers, encoded words and the UTF-8 body back exactly")
    func parsedByPythonEmail() throws {
        let messages = [
            Self.message(),
            Self.message(to: "O'Brien, Mary \"Molly\"", address: "molly@example.ie", fromName: "Hillside Office",
                         site: "Year 3 trip", code: "ABCD-EFGH"),
            Self.message(to: "", address: "nobody.named@example.org", fromName: "", site: String(repeating: "Très long nom de site ", count: 8)),
        ]
        let parsed = try parsed(messages)
        try #require(parsed.count == messages.count)
        for (message, mail) in zip(messages, parsed) {
            #expect(mail.defects.isEmpty, "\(mail.defects)")
            #expect(mail.crlf_only)
            #expect(mail.max_line <= 78, "a line of \(mail.max_line) characters")
            #expect(mail.from_name == message.from.name)
            #expect(mail.from_address == "office@sainte-marie.sch.uk")
            #expect(mail.to_name == message.to.name)
            #expect(mail.to_address == message.to.address.value)
            #expect(mail.subject == message.subject)
            #expect(mail.subject.contains(message.siteName.trimmingCharacters(in: .whitespaces)))
            #expect(mail.subject.contains("École Sainte-Marie"))
            #expect(mail.date_epoch == Int(Self.date.timeIntervalSince1970))
            #expect(mail.message_id == message.messageID)
            #expect(mail.mime_version == "1.0")
            #expect(mail.content_type == "text/plain")
            #expect(mail.charset == "utf-8")
            #expect(mail.transfer_encoding == "quoted-printable")
            let body = try #require(mail.body)
            #expect(body == message.bodyText + "\n")
            #expect(body.contains("    \(message.code)\n"))
            #expect(body.contains("until the end of Friday 26 June 2026"))
        }
    }

    @Test("The body tells a parent what the code is, for whom, until when, how to use it, and to keep it")
    func parentInstructions() throws {
        let message = Self.message(to: "Amira Khan", address: "amira@home.example", site: "Year 6 trip")
        let body = message.bodyText
        #expect(body.hasPrefix("Dear Amira Khan,\n"))
        #expect(body.contains("École Sainte-Marie has invited you to see \"Year 6 trip\""))
        #expect(body.contains("\n    K7QF-4MXZ-92PA-RT3H\n"), "the code on a line of its own")
        #expect(body.contains("It works once, only for you (amira@home.example), until the end of Friday 26 June 2026."))
        #expect(body.contains("the way you usually do"), "reached through the school, not a link")
        #expect(!body.contains("http"), "no link in the message")
        #expect(body.contains("enter your e-mail address and the code above"))
        #expect(body.contains("the school accepts the code only with that address"))
        #expect(body.contains("Do not forward this e-mail or share the code"))
        #expect(body.contains("nobody from the school will ever ask you for it"))
        #expect(body.contains("Not expecting this invitation? You do not need to do anything"))
        #expect(body.contains("tell the school office"))
        #expect(body.hasSuffix("\nÉcole Sainte-Marie"))
        #expect(body.split(separator: "\n").allSatisfy { $0.count <= 100 }, "short lines for mail readers")

        var relaxed = message
        relaxed.accountMustMatch = false
        #expect(!relaxed.bodyText.contains("only with that address"))
        #expect(relaxed.bodyText.contains("Use your own e-mail address"))

        var linked = message
        linked.portalURL = "https://parents.sainte-marie.example"
        let withLink = linked.bodyText
        #expect(withLink.contains("   https://parents.sainte-marie.example/accept?code=K7QF-4MXZ-92PA-RT3H\n"))
        #expect(withLink.contains("six-digit code to check that the address is yours"))
        #expect(withLink.contains("sign in at\n   https://parents.sainte-marie.example with your e-mail address"))
        #expect(!withLink.contains("has no link on purpose"))
        #expect(withLink.split(separator: "\n").allSatisfy { $0.count <= 100 })

        var unnamed = message
        unnamed.to.name = ""
        unnamed.expires = nil
        #expect(unnamed.bodyText.hasPrefix("Hello,\n"))
        #expect(unnamed.bodyText.contains("only for you (amira@home.example)."))
    }

    @Test("A display name cannot add headers")
    func headerInjection() throws {
        let evil = Self.message(to: "Eve\r\nBcc: everyone@example.org", site: "Trip\r\nX-Evil: 1")
        let text = String(decoding: evil.rendered(), as: UTF8.self)
        let headers = text.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!headers.contains { $0.hasPrefix("Bcc:") || $0.hasPrefix("X-Evil:") })
        let mail = try #require(try parsed([evil]).first)
        #expect(mail.to_address == "zoe@example.fr")
        #expect(mail.defects.isEmpty)
    }

    @Test("The Date header follows RFC 5322 in the school's zone")
    func dateHeader() {
        #expect(MIMEEncoding.rfc5322Date(Self.date, in: Fixture.london) == "Fri, 12 Jun 2026 09:30:00 +0100")
        #expect(MIMEEncoding.rfc5322Date(Fixture.instant("2026-01-05T23:59:59Z"), in: Fixture.london)
            == "Mon, 5 Jan 2026 23:59:59 +0000")
        #expect(MIMEEncoding.rfc5322Date(Fixture.instant("2026-01-05T23:59:59Z"), in: TimeZone(identifier: "America/St_Johns")!)
            == "Mon, 5 Jan 2026 20:29:59 -0330")
    }

    @Test("Message-IDs are unique and carry the school's domain")
    func messageIDs() {
        let ids = (0..<2000).map { _ in InvitationMessage.makeMessageID(domain: "hillside.sch.uk", date: Self.date) }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("<") && $0.hasSuffix("@hillside.sch.uk>") && $0.count > 40 })
        var seeded = SeededGenerator(seed: 7)
        var again = SeededGenerator(seed: 7)
        #expect(InvitationMessage.makeMessageID(domain: "a.org", date: Self.date, using: &seeded)
            == InvitationMessage.makeMessageID(domain: "a.org", date: Self.date, using: &again))
        #expect(InvitationMessage.makeMessageID(domain: "bad domain>", date: Self.date).hasSuffix("@schoolgate.invalid>"))
    }

    @Test("Quoted-printable keeps lines short, encodes '=', trailing spaces and UTF-8")
    func quotedPrintable() {
        let encoded = MIMEEncoding.quotedPrintable("a=b  \n" + String(repeating: "é", count: 40) + "\nplain")
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.first == "a=3Db =20")
        #expect(lines.allSatisfy { $0.count <= 76 })
        #expect(lines.last == "plain")
        #expect(encoded.contains("=C3=A9"))
        #expect(!encoded.contains("é"))
    }
}
