import CSV
import Foundation
import SchoolGate

/// Reads a parent list as a school's MIS (or a spreadsheet) exports it as CSV.
///
/// - A header row names the columns, in any order and with the common variants
///   ("Parent name" / "Contact name" / "Name", "Email" / "E-mail" / "Parent email",
///   "Child" / "Pupil" / "Student", "Year" / "Form" / "Reg group"; forename and surname
///   columns are joined; "Reg", "Registration form" are the form). Up to ten lines before
///   it (a report title) are skipped.
/// - Exports with numbered contacts ("Contact 1 Email", "Contact 2 Email", "Parent 1",
///   "Parent 2 Forename": SIMS, Arbor, Bromcom) give one parent per contact with an
///   address; a row is skipped only when none of its contacts has one.
/// - UTF-8 with or without a byte-order mark; a file that is not UTF-8 is read as
///   Windows-1252 (what Excel writes for plain "CSV") and that is reported.
/// - Comma, semicolon or tab separated (guessed from the header row).
/// - Quoted values may hold commas, quotes (`""`) and line breaks; lines may end in CRLF.
/// - Every row keeps the line number it starts on; invalid, missing and repeated
///   addresses are reported with their line and skipped.
///
/// Parsing is done by the CSV.swift package (`CSVReader`); 10,000 rows take a few
/// hundredths of a second.
public struct ParentListReader: Sendable {
    public init() {}

    /// Reads the whole file.
    public func read(_ data: Data) -> ParentList {
        var list = ParentList()
        let text: String
        if let utf8 = TextDecoding.utf8(data) {
            text = utf8
        } else {
            text = TextDecoding.windows1252(data)
            list.problems.append(ParentListProblem(
                line: 1, kind: .readAsWindows1252,
                message: "the file is not UTF-8, so it was read as Windows-1252 (Excel's plain \"CSV\"); "
                    + "check accented names, or save it as \"CSV UTF-8\" and import again"))
        }
        read(text: text, into: &list)
        return list
    }

    /// Reads CSV text (a leading byte-order mark is ignored).
    public func read(text: String) -> ParentList {
        var list = ParentList()
        read(text: text, into: &list)
        return list
    }

    private func read(text rawText: String, into list: inout ParentList) {
        let text = rawText.hasPrefix("\u{FEFF}") ? String(rawText.dropFirst()) : rawText
        guard !text.allSatisfy(\.isWhitespace) else {
            list.problems.append(ParentListProblem(line: 1, kind: .empty, message: "the file is empty"))
            return
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: true,
                                   delimiter: Self.delimiter(of: text))
        } catch {
            list.problems.append(ParentListProblem(line: 1, kind: .empty, message: "the file could not be read as CSV"))
            return
        }

        var nextLine = 1
        var header: [[ParentListField: Int]]?
        var headerWidth = 0
        var rowsBeforeHeader = 0
        var firstLineOf: [EmailAddress: (line: Int, name: String)] = [:]
        var lastRow: (line: Int, fields: [String])?

        while let fields = reader.next() {
            let line = nextLine
            nextLine += 1 + fields.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            lastRow = (line, fields)
            if fields.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }

            guard let contacts = header else {
                if ParentListColumns.map(fields)[.email] != nil {
                    let mapped = ParentListColumns.contacts(fields)
                    header = mapped
                    headerWidth = fields.count
                    list.headerLine = line
                    for (field, column) in mapped[0] { list.columns[field] = fields[column] }
                    if !checkRequired(mapped[0], line: line, into: &list) { return }
                } else {
                    rowsBeforeHeader += 1
                    if rowsBeforeHeader > 10 { break }
                    list.problems.append(ParentListProblem(
                        line: line, kind: .beforeHeader,
                        message: "ignored: this line comes before the header row"))
                }
                continue
            }
            list.rows += rows(fields, line: line, contacts: contacts, headerWidth: headerWidth,
                              firstLineOf: &firstLineOf, problems: &list.problems)
        }

        guard header != nil else {
            list.problems.removeAll { $0.kind == .beforeHeader }
            list.problems.append(ParentListProblem(
                line: 1, kind: .noHeader,
                message: "no header row with an e-mail column was found; the first line should name the columns, "
                    + "for example: Parent name,Email,Child,Year"))
            return
        }
        checkUnclosedQuote(text: text, lastRow: lastRow, into: &list)
    }

    /// Reports a missing parent-name column; false when the file cannot be used.
    private func checkRequired(_ columns: [ParentListField: Int], line: Int, into list: inout ParentList) -> Bool {
        if columns[.parentName] == nil, columns[.parentForename] == nil, columns[.parentSurname] == nil {
            list.problems.append(ParentListProblem(
                line: line, kind: .missingColumn,
                message: "the header row has no parent name column (expected \"Parent name\", \"Contact name\" or "
                    + "\"Name\", or forename and surname columns)"))
            return false
        }
        return true
    }

    /// The parents of one line: one per contact with an address (a row with two contacts
    /// gives two requests); a row where no contact has an address is reported once.
    private func rows(_ fields: [String], line: Int, contacts: [[ParentListField: Int]], headerWidth: Int,
                      firstLineOf: inout [EmailAddress: (line: Int, name: String)],
                      problems: inout [ParentListProblem]) -> [ParentListRow] {
        if fields.count > headerWidth, fields[headerWidth...].contains(where: { !$0.allSatisfy(\.isWhitespace) }) {
            problems.append(ParentListProblem(
                line: line, kind: .extraValues,
                message: "this row has \(fields.count) values but the header has \(headerWidth) columns "
                    + "(a value with a comma may be missing its quotes); the row was skipped"))
            return []
        }
        let withAddress = contacts.count == 1 ? contacts : contacts.filter {
            $0[.email].map { $0 < fields.count && !Self.cleaned(fields[$0]).isEmpty } ?? false
        }
        return (withAddress.isEmpty ? [contacts[0]] : withAddress).compactMap { columns in
            guard let email = columns[.email].flatMap({ $0 < fields.count ? Self.cleaned(fields[$0]) : nil }),
                  let address = try? EmailAddress(email), let first = firstLineOf[address], first.line == line
            else { return row(fields, line: line, columns: columns, firstLineOf: &firstLineOf, problems: &problems) }
            return nil  // the same address for two contacts of one row: one request
        }
    }

    private func row(_ fields: [String], line: Int, columns: [ParentListField: Int],
                     firstLineOf: inout [EmailAddress: (line: Int, name: String)],
                     problems: inout [ParentListProblem]) -> ParentListRow? {
        func value(_ field: ParentListField) -> String {
            guard let column = columns[field], column < fields.count else { return "" }
            return Self.cleaned(fields[column])
        }
        var name = value(.parentName)
        if name.isEmpty {
            name = [value(.parentForename), value(.parentSurname)].filter { !$0.isEmpty }.joined(separator: " ")
        }
        var child = value(.child)
        if child.isEmpty {
            child = [value(.childForename), value(.childSurname)].filter { !$0.isEmpty }.joined(separator: " ")
        }
        let groups = [value(.year), value(.form)].filter { !$0.isEmpty }
        let group = groups.count == 2 && groups[0] == groups[1] ? groups[0] : groups.joined(separator: " / ")
        let rawEmail = value(.email)
        let who = name.isEmpty ? "" : " (\(name.prefix(60)))"

        guard !rawEmail.isEmpty else {
            problems.append(ParentListProblem(line: line, kind: .missingEmail,
                                              message: "no e-mail address\(who); the row was skipped"))
            return nil
        }
        let email: EmailAddress
        do {
            email = try EmailAddress(rawEmail)
        } catch {
            problems.append(ParentListProblem(line: line, kind: .invalidEmail,
                                              message: error.message + (name.isEmpty ? "" : " Parent: \(name.prefix(60)).") + " The row was skipped."))
            return nil
        }
        guard !name.isEmpty else {
            problems.append(ParentListProblem(line: line, kind: .missingName,
                                              message: "no parent name for \(email); the row was skipped"))
            return nil
        }
        if let first = firstLineOf[email] {
            problems.append(ParentListProblem(
                line: line, kind: .duplicateEmail(firstLine: first.line),
                message: "\(email) is already on line \(first.line) (\(first.name.prefix(60))); "
                    + "one invitation per address, so this row was skipped"))
            return nil
        }
        firstLineOf[email] = (line, name)
        return ParentListRow(line: line, parentName: name, email: email, child: child, group: group)
    }

    /// A quoted value never closed swallows the rest of the file into the last row:
    /// then the last row spans lines and the file has an odd number of quotes.
    private func checkUnclosedQuote(text: String, lastRow: (line: Int, fields: [String])?, into list: inout ParentList) {
        guard let lastRow, lastRow.fields.contains(where: { Self.lineBreaks(in: $0) > 0 }) else { return }
        let quotes = text.utf8.reduce(0) { $1 == UInt8(ascii: "\"") ? $0 + 1 : $0 }
        guard quotes % 2 == 1 else { return }
        list.rows.removeAll { $0.line == lastRow.line }
        list.problems.removeAll { $0.line == lastRow.line && $0.skipsRow }
        list.problems.append(ParentListProblem(
            line: lastRow.line, kind: .unclosedQuote,
            message: "a quoted value starting on this line is never closed (a \" is missing), so everything "
                + "from here to the end of the file was read as one value; these lines were skipped"))
    }

    // MARK: - Helpers

    /// Comma, semicolon or tab: whichever appears most in the first line (outside quotes).
    static func delimiter(of text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted, scalar == "\n" || scalar == "\r" { break }
            if !quoted, counts[scalar] != nil { counts[scalar]! += 1 }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && b.key == ",") }
        return (best?.value ?? 0) > 0 ? best!.key : ","
    }

    /// Line breaks inside a value: CRLF, LF and a lone CR each count once.
    static func lineBreaks(in value: String) -> Int {
        var count = 0
        var previousCR = false
        for byte in value.utf8 {
            if byte == 0x0A {
                if !previousCR { count += 1 }
            } else if byte == 0x0D {
                count += 1
            }
            previousCR = byte == 0x0D
        }
        return count
    }

    /// A value as one line: runs of spaces and line breaks become one space, control
    /// characters visible stand-ins.
    static func cleaned(_ value: String) -> String {
        let words = value.split(whereSeparator: { $0.isWhitespace })
        return SafeText.neutralised(words.joined(separator: " "))
    }
}
