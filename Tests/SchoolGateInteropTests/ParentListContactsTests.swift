import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

/// MIS exports with two contacts per row: one request per contact with an address.
@Suite("Parent lists with two contacts per row")
struct ParentListContactsTests {
    let reader = ParentListReader()

    @Test("SIMS-style Contact 1 / Contact 2 columns: both contacts, the second alone when the first has no address")
    func simsContacts() {
        let text = "Legal Surname,Legal Forename,Reg,Contact 1 Forename,Contact 1 Surname,Contact 1 Email,"
            + "Contact 2 Forename,Contact 2 Surname,Contact 2 Email\n"
            + "Khan,Amira,9B,Sara,Khan,sara@example.org,Imran,Khan,imran@example.org\n"     // 2: both
            + "Smith,Ben,9B,John,Smith,,Jane,Smith,jane@example.org\n"                      // 3: second only
            + "Jones,Cara,9C,,,,,,\n"                                                       // 4: nobody
            + "Lee,Dan,9C,Mei,Lee,mei@example.org,Wei,Lee,mei@example.org\n"                // 5: one address twice
        let list = reader.read(text: text)
        #expect(list.rows.map(\.email.value) == ["sara@example.org", "imran@example.org", "jane@example.org", "mei@example.org"])
        #expect(list.rows.map(\.parentName) == ["Sara Khan", "Imran Khan", "Jane Smith", "Mei Lee"])
        #expect(list.rows.map(\.line) == [2, 2, 3, 5])
        #expect(list.rows.map(\.child) == ["Amira Khan", "Amira Khan", "Ben Smith", "Dan Lee"])
        #expect(list.rows.map(\.group) == ["9B", "9B", "9B", "9C"])
        #expect(list.problems.map(\.line) == [4], "\(list.problems)")
        #expect(list.problems.first?.kind == .missingEmail)
        #expect(list.columns[.form] == "Reg")
        #expect(list.columns[.email] == "Contact 1 Email")
    }

    @Test("Arbor- and Bromcom-style Parent 1 / Parent 2 columns")
    func parentColumns() {
        let arbor = "Student,Registration Form,Parent 1,Parent 1 Email,Parent 2,Parent 2 Email\n"
            + "Amira Khan,9B,Sara Khan,,Imran Khan,imran@example.org\n"
        let list = reader.read(text: arbor)
        #expect(list.rows.map(\.email.value) == ["imran@example.org"])
        #expect(list.rows.map(\.parentName) == ["Imran Khan"])
        #expect(list.rows.map(\.group) == ["9B"])
        #expect(list.problems.isEmpty, "\(list.problems)")

        let bromcom = "Student Name,Reg,Contact 1 Full Name,Contact 1 Email Address,Contact 2 Full Name,Contact 2 Email Address\n"
            + "Ben Smith,9C,John Smith,john@example.org,Jane Smith,jane@example.org\n"
        #expect(reader.read(text: bromcom).rows.map(\.parentName) == ["John Smith", "Jane Smith"])
    }

    @Test("A second contact's bad address is reported; the first still counts")
    func badSecondAddress() {
        let text = "Child,Contact 1 Name,Contact 1 Email,Contact 2 Name,Contact 2 Email\n"
            + "Amira,Sara Khan,sara@example.org,Imran Khan,not-an-address\n"
        let list = reader.read(text: text)
        #expect(list.rows.map(\.email.value) == ["sara@example.org"])
        #expect(list.problems.map(\.kind) == [.invalidEmail])
    }

    @Test("One numbered contact only is read like any list")
    func singleNumberedContact() {
        let list = reader.read(text: "Child,Contact 1 Name,Contact 1 Email\nAmira,Sara Khan,sara@example.org\n")
        #expect(list.rows.map(\.email.value) == ["sara@example.org"])
        #expect(list.rows.map(\.parentName) == ["Sara Khan"])
    }
}
