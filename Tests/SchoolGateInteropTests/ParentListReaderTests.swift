import Foundation
import SchoolGate
import Testing
@testable import SchoolGateInterop

@Suite("Parent list CSV import")
struct ParentListReaderTests {
    let reader = ParentListReader()

    func read(_ text: String) -> ParentList { reader.read(Data(text.utf8)) }

    @Test("BOM, CRLF, columns in any order, quoted commas, quotes and newlines, bad and repeated addresses")
    func everyQuirk() throws {
        let text = "\u{FEFF}Pupil,Reg group,E-mail,Parent name\r\n"          // 1
            + "\"Khan, Amira\",6K,a.parent@example.org,Mrs Khan\r\n"       // 2
            + "Ben Smith,6K,\"ben.dad@example.org\",\"Smith, John\"\r\n"   // 3
            + "\"Chloé\r\nMulti-line\",5B,chloe.mum@example.org,\"Marie \"\"Mimi\"\" Dupont\"\r\n" // 4-5
            + "Dan,5B,not-an-email,Dan's Dad\r\n"                          // 6
            + "Eve,4A,A.Parent@Example.org,Mrs Khan again\r\n"             // 7
            + "\r\n"                                                       // 8
            + "Fay,4A,,Fay's mum\r\n"                                      // 9
            + "Gus,4A,gus.parent@example.org,\r\n"                         // 10
            + "\"Hal\",\"3C\",\"hal@example.org\",\"Hal Senior\"\r\n"      // 11
            + "Ivy,3C,ivy.parent@example.org,\"Ivy's\nmum\"\r\n"           // 12-13
            + "Jo,3C,jo@exam ple.org,Jo's dad"                             // 14 (no final line break)
        let list = read(text)
        #expect(list.headerLine == 1)
        #expect(list.columns == [.child: "Pupil", .form: "Reg group", .email: "E-mail", .parentName: "Parent name"])
        #expect(list.rows.map(\.line) == [2, 3, 4, 11, 12])
        #expect(list.rows.map(\.parentName) == ["Mrs Khan", "Smith, John", "Marie \"Mimi\" Dupont", "Hal Senior", "Ivy's mum"])
        #expect(list.rows.map(\.email.value) == ["a.parent@example.org", "ben.dad@example.org", "chloe.mum@example.org",
                                                 "hal@example.org", "ivy.parent@example.org"])
        #expect(list.rows.map(\.child) == ["Khan, Amira", "Ben Smith", "Chloé Multi-line", "Hal", "Ivy"])
        #expect(list.rows.map(\.group) == ["6K", "6K", "5B", "3C", "3C"])

        let problems = Dictionary(uniqueKeysWithValues: list.problems.map { ($0.line, $0) })
        #expect(list.problems.count == 5, "\(list.problems)")
        #expect(problems[6]?.kind == .invalidEmail)
        #expect(problems[6]?.message.contains("\"not-an-email\" is not a valid e-mail address: it has no @") == true)
        #expect(problems[7]?.kind == .duplicateEmail(firstLine: 2))
        #expect(problems[7]?.message.contains("a.parent@example.org is already on line 2 (Mrs Khan)") == true)
        #expect(problems[9]?.kind == .missingEmail)
        #expect(problems[10]?.kind == .missingName)
        #expect(problems[14]?.kind == .invalidEmail)
        #expect(problems[14]?.message.contains("space") == true)
        #expect(list.problems.allSatisfy { $0.skipsRow })
    }

    static let headerVariants: [(names: [String], email: String, child: String, group: String)] = [
        (["Parent name"], "Email", "Child", "Year"),
        (["Contact name"], "E-mail", "Pupil", "Form"),
        (["Name"], "Parent email", "Student", "Reg group"),
        (["Parent/Carer Name"], "Parent Email Address", "Child's name", "Year group"),
        (["PARENT NAME"], "e-mail address", "Pupil name", "Registration group"),
        (["Contact Forename", "Contact Surname"], "Contact Email", "Student name", "Tutor group"),
        (["Primary contact"], "Parent/Carer E-mail (main)", "Learner", "Class"),
    ]

    @Test("Common header names, in any order", arguments: 0..<7)
    func headerNames(variant: Int) throws {
        let (names, email, child, group) = Self.headerVariants[variant]
        var header = names + [email, child, group]
        var values = (names.count == 2 ? ["Sam", "Parent"] : ["Sam Parent"]) + ["sam@example.org", "Alex", "7B"]
        // Rotate the columns: order must not matter.
        let shift = variant % header.count
        header = Array(header[shift...] + header[..<shift])
        values = Array(values[shift...] + values[..<shift])
        let csv = header.map { "\"\($0)\"" }.joined(separator: ",") + "\r\n" + values.joined(separator: ",") + "\r\n"
        let list = read(csv)
        #expect(list.problems.isEmpty, "\(header): \(list.problems)")
        let row = try #require(list.rows.first, "\(header)")
        #expect(row == ParentListRow(line: 2, parentName: "Sam Parent", email: Fixture.email("sam@example.org"),
                                     child: "Alex", group: "7B"))
    }

    @Test("A pupil's own e-mail column is never taken for the parent's")
    func pupilEmailIgnored() throws {
        let list = read("Pupil email,Child,Parent name,Parent email\npupil@school.example.org,Alex,Sam,sam@example.org\n")
        #expect(list.rows.map(\.email.value) == ["sam@example.org"])
        #expect(list.columns[.email] == "Parent email")
    }

    @Test("Year and form columns together; forename and surname joined")
    func yearAndFormAndNameParts() throws {
        let list = read("Forename,Surname,Email,Year,Form,Child forename,Child surname\nSam,Parent,sam@example.org,7,7B,Alex,Parent\n")
        let row = try #require(list.rows.first)
        #expect(row.parentName == "Sam Parent")
        #expect(row.child == "Alex Parent")
        #expect(row.group == "7 / 7B")
    }

    @Test("A semicolon-separated Windows-1252 file from Excel is read, with a note")
    func excelEuropean() throws {
        var bytes = [UInt8]("Name;Email;Child\r\nZo".utf8)
        bytes += [0xEB] + [UInt8](" Martin;zoe@example.fr;Ren".utf8) + [0xE9] + [0x0D, 0x0A] // ë, é
        bytes += [0x80, 0x0D, 0x0A] // the euro sign, alone on line 3
        let list = reader.read(Data(bytes))
        #expect(list.problems.first?.kind == .readAsWindows1252)
        let row = try #require(list.rows.first)
        #expect(row.parentName == "Zoë Martin")
        #expect(row.child == "René")
        #expect(row.email.value == "zoe@example.fr")
        #expect(list.problems.contains { $0.line == 3 && $0.kind == .missingEmail }, "\(list.problems)")
    }

    @Test("Lines before the header are skipped and counted")
    func titleLines() throws {
        let list = read("Parent contacts report\nGenerated 2026-05-01 by SIMS\n\nName,Email\nSam,sam@example.org\n")
        #expect(list.headerLine == 4)
        #expect(list.rows.map(\.line) == [5])
        #expect(list.problems.map(\.line) == [1, 2])
        #expect(list.problems.allSatisfy { $0.kind == .beforeHeader && !$0.skipsRow })
    }

    @Test("Missing columns and empty files are explained")
    func missingColumns() {
        let noEmail = read("Name,Phone\nSam,0123\n")
        #expect(noEmail.rows.isEmpty)
        #expect(noEmail.problems.map(\.kind) == [.noHeader])
        #expect(noEmail.problems.first?.message.contains("no header row with an e-mail column") == true)

        let noName = read("Child,Email\nAlex,sam@example.org\n")
        #expect(noName.rows.isEmpty)
        #expect(noName.problems.map(\.kind) == [.missingColumn])
        #expect(noName.problems.first?.message.contains("no parent name column") == true)

        for empty in ["", "\u{FEFF}", "\r\n\r\n"] {
            #expect(read(empty).problems.map(\.kind) == [.empty])
        }
    }

    @Test("An unclosed quote is reported instead of silently eating the rest of the file")
    func unclosedQuote() {
        let list = read("Name,Email\nAnn,ann@example.org\n\"Bob,bob@example.org\nCat,cat@example.org\nDee,dee@example.org\n")
        #expect(list.rows.map(\.line) == [2])
        #expect(list.problems.map(\.kind) == [.unclosedQuote])
        #expect(list.problems.first?.line == 3)
    }

    @Test("A row with more values than columns is skipped (a comma without quotes)")
    func extraValues() {
        let list = read("Name,Email\nSmith, Jane,jane@example.org\nAnn,ann@example.org,,\n")
        #expect(list.rows.map(\.line) == [3], "trailing empty values are fine")
        #expect(list.problems.map(\.kind) == [.extraValues])
        #expect(list.problems.first?.line == 2)
    }

    @Test("10,000 rows parse with the right line numbers")
    func tenThousandRows() throws {
        var csv = "\u{FEFF}Parent name,Email,Child,Year\r\n"
        var line = 2
        var lastLine = 0
        for index in 0..<10_000 {
            lastLine = line
            if index % 100 == 0 {
                csv += "\"Parent \(index), Senior\",p\(index)@example.org,\"Child\r\n\(index)\",\(index % 7 + 1)\r\n"
                line += 2
            } else {
                csv += "Parent \(index),p\(index)@example.org,Child \(index),\(index % 7 + 1)\r\n"
                line += 1
            }
        }
        let data = Data(csv.utf8)
        // Its speed is a benchmark figure (docs/performance.md), not a test: timing here
        // would fail whenever the machine is busy.
        let list = reader.read(data)
        #expect(list.problems.isEmpty)
        #expect(list.rows.count == 10_000)
        #expect(list.rows.last?.line == lastLine)
        #expect(list.rows[100].line == 103)
        #expect(list.rows[101].line == 105)
        #expect(list.rows[100].parentName == "Parent 100, Senior")
    }
}
