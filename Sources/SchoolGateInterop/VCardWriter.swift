import Foundation
import SchoolGate

/// A person or office as written on a vCard: a staff member of the internal contact list,
/// or an entry of the external contacts address book.
public struct VCardContact: Sendable, Hashable {
    /// Stable identity of the card (`UID`), so that address books update rather than
    /// duplicate a contact when it is exported again.
    public var uid: String
    /// The name as shown (`FN`), e.g. "Mrs Amira Khan".
    public var fullName: String
    /// Family name for `N`; when nil, the last word of `fullName`.
    public var familyName: String?
    /// Given names for `N`; when nil, the words of `fullName` before the family name.
    public var givenNames: String?
    /// Organisation (`ORG`), e.g. the school or the coach company.
    public var organisation: String
    /// Role or job title (`TITLE`), e.g. "Trip leader".
    public var title: String
    /// E-mail address (`EMAIL`), if any.
    public var email: EmailAddress?
    /// Telephone number as written by people (`TEL`, as text).
    public var phone: String
    /// Room or office (written at the start of `NOTE` as "Room: ...").
    public var room: String
    /// Free note (`NOTE`).
    public var note: String

    public init(uid: String, fullName: String, familyName: String? = nil, givenNames: String? = nil,
                organisation: String = "", title: String = "", email: EmailAddress? = nil,
                phone: String = "", room: String = "", note: String = "") {
        self.uid = uid
        self.fullName = fullName
        self.familyName = familyName
        self.givenNames = givenNames
        self.organisation = organisation
        self.title = title
        self.email = email
        self.phone = phone
        self.room = room
        self.note = note
    }

    /// The five components of `N`: family; given; additional; prefixes; suffixes.
    var nameComponents: [String] {
        if familyName != nil || givenNames != nil {
            return [familyName ?? "", givenNames ?? "", "", "", ""]
        }
        let words = fullName.split(whereSeparator: \.isWhitespace)
        guard let last = words.last else { return ["", "", "", "", ""] }
        return [String(last), words.dropLast().joined(separator: " "), "", "", ""]
    }

    /// The text of `NOTE`: the room (if any) and the note.
    var noteText: String {
        switch (room.isEmpty, note.isEmpty) {
        case (true, _): note
        case (false, true): "Room: \(room)"
        case (false, false): "Room: \(room)\n\(note)"
        }
    }
}

/// Writes contacts as vCard 4.0 (RFC 6350): `BEGIN:VCARD`, `VERSION:4.0`, `FN`, `N`,
/// `ORG`, `TITLE`, `EMAIL`, `TEL`, `NOTE`, `UID`, `END:VCARD` per contact, with text
/// escaping, lines folded at 75 octets (never inside a UTF-8 character) and CRLF ends.
public struct VCardWriter: Sendable {
    public init() {}

    /// All `contacts` as one `.vcf` document (UTF-8), in the order given.
    public func document(_ contacts: [VCardContact]) -> Data {
        var out = ContentLineWriter(reservingCapacity: 256 * max(1, contacts.count))
        for contact in contacts { write(contact, to: &out) }
        return Data(out.bytes)
    }

    private func write(_ contact: VCardContact, to out: inout ContentLineWriter) {
        out.line("BEGIN", "VCARD")
        out.line("VERSION", "4.0")
        out.textLine("FN", contact.fullName)
        out.structuredLine("N", contact.nameComponents)
        if !contact.organisation.isEmpty { out.structuredLine("ORG", [contact.organisation]) }
        if !contact.title.isEmpty { out.textLine("TITLE", contact.title) }
        if let email = contact.email { out.textLine("EMAIL;TYPE=work", email.value) }
        if !contact.phone.isEmpty { out.textLine("TEL;VALUE=text;TYPE=work", contact.phone) }
        let note = contact.noteText
        if !note.isEmpty { out.textLine("NOTE", note) }
        out.textLine("UID", contact.uid)
        out.line("END", "VCARD")
    }
}
