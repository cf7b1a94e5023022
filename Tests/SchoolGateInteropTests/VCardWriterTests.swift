import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("vCard export")
struct VCardWriterTests {
    static let contacts: [VCardContact] = [
        VCardContact(
            uid: "urn:uuid:6f1c2a9e-0d3b-4c55-9a1e-1c2d3e4f5a6b", fullName: "Mrs Amira Khan",
            familyName: "Khan", givenNames: "Amira", organisation: "Hillside Primary School, Field Lane",
            title: "Trip leader; Year 6", email: Fixture.email("a.khan@hillside.sch.uk"),
            phone: "+44 20 7946 0000 ext. 12", room: "B12", note: "Mornings only.\nNot on Fridays, sorry; ask the office"),
        VCardContact(
            uid: "contact-2", fullName: "Jean-Étienne Dupré-Lefèvre",
            organisation: "Autocars Dupré — transport scolaire 🚌", email: Fixture.email("jean@autocars-dupre.fr"),
            note: Fixture.longUnicode),
        VCardContact(uid: "contact-3", fullName: "Office"),
    ]

    @Test("vobject reads back every card exactly as written")
    func parsedByVobject() throws {
        let data = VCardWriter().document(Self.contacts)
        let folder = try TemporaryFolder()
        let file = folder.file("contacts.vcf")
        try data.write(to: file)
        let parsed = try PythonCheck.run(PyCards.self, ["vcf", file.path])
        try #require(parsed.cards.count == Self.contacts.count)

        for (contact, card) in zip(Self.contacts, parsed.cards) {
            #expect(card.version == "4.0")
            #expect(card.fn == contact.fullName)
            #expect(card.uid == [contact.uid])
            #expect(card.email == (contact.email.map { [$0.value] } ?? []))
            #expect(card.tel == (contact.phone.isEmpty ? [] : [contact.phone]))
            #expect(card.title == (contact.title.isEmpty ? [] : [contact.title]))
            #expect(card.org == (contact.organisation.isEmpty ? [] : [[contact.organisation]]))
            #expect(card.note == (contact.noteText.isEmpty ? [] : [contact.noteText]))
        }
        #expect(parsed.cards[0].family == "Khan")
        #expect(parsed.cards[0].given == "Amira")
        #expect(parsed.cards[0].note == ["Room: B12\nMornings only.\nNot on Fridays, sorry; ask the office"])
        // Without explicit parts, the last word is the family name.
        #expect(parsed.cards[1].family == "Dupré-Lefèvre")
        #expect(parsed.cards[1].given == "Jean-Étienne")
    }

    @Test("Cards are folded at 75 octets between whole characters, with CRLF")
    func folding() {
        let data = VCardWriter().document(Self.contacts)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let lines = data.crlfLines
        #expect(lines.allSatisfy { $0.count <= 75 })
        #expect(lines.allSatisfy { String(validating: $0, as: UTF8.self) != nil })
        #expect(lines.contains { $0.first == 0x20 }, "the long note must be folded")
        #expect(text.components(separatedBy: "BEGIN:VCARD\r\nVERSION:4.0\r\n").count == 4)
        #expect(text.contains("\r\nORG:Hillside Primary School\\, Field Lane\r\n"))
        #expect(text.contains("\r\nN:Khan;Amira;;;\r\n"))
    }
}
