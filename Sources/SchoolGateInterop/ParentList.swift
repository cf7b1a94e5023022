import SchoolGate

/// The result of reading a parent list exported by a school's MIS.
public struct ParentList: Sendable, Hashable {
    /// The rows that can become invitation requests, in file order.
    public var rows: [ParentListRow]
    /// Everything that was skipped or needs a look, in file order.
    public var problems: [ParentListProblem]
    /// The line of the header row, or nil when none was found.
    public var headerLine: Int?
    /// Which header of the file was used for each field.
    public var columns: [ParentListField: String]

    public init(rows: [ParentListRow] = [], problems: [ParentListProblem] = [],
                headerLine: Int? = nil, columns: [ParentListField: String] = [:]) {
        self.rows = rows
        self.problems = problems
        self.headerLine = headerLine
        self.columns = columns
    }
}

/// One parent from the list.
public struct ParentListRow: Sendable, Hashable {
    /// The line of the file the row starts on (a quoted value with line breaks makes a
    /// row span several lines; the header is line 1 when it is the first line).
    public var line: Int
    /// The parent's or contact's name.
    public var parentName: String
    /// The parent's e-mail address (checked, lower case).
    public var email: EmailAddress
    /// The child's name, or "" when the file has no child column.
    public var child: String
    /// Year group and/or form ("7", "7B", "Year 7 / 7B"), or "".
    public var group: String

    public init(line: Int, parentName: String, email: EmailAddress, child: String = "", group: String = "") {
        self.line = line
        self.parentName = parentName
        self.email = email
        self.child = child
        self.group = group
    }
}

/// The fields ``ParentListReader`` looks for in the header row.
public enum ParentListField: String, Sendable, Hashable, CaseIterable, Codable {
    case parentName, parentForename, parentSurname, email, child, childForename, childSurname, year, form
}

/// A row that was skipped, or something about the file worth knowing.
public struct ParentListProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public enum Kind: Sendable, Hashable {
        /// The file is empty or holds no rows.
        case empty
        /// No header row with an e-mail column was found.
        case noHeader
        /// A required column (parent name or e-mail) is missing.
        case missingColumn
        /// The file is not UTF-8 and was read as Windows-1252 (nothing skipped).
        case readAsWindows1252
        /// A line before the header row was ignored.
        case beforeHeader
        /// The row has more values than the header has columns.
        case extraValues
        /// A quoted value is never closed, so the rest of the file ran into it.
        case unclosedQuote
        /// The row has no e-mail address.
        case missingEmail
        /// The e-mail address is not valid (the reason is in the message).
        case invalidEmail
        /// The row has no parent name.
        case missingName
        /// The address already appeared on `firstLine`.
        case duplicateEmail(firstLine: Int)
    }

    /// The line of the file (1-based).
    public var line: Int
    public var kind: Kind
    /// A sentence for the school office.
    public var message: String

    public init(line: Int, kind: Kind, message: String) {
        self.line = line
        self.kind = kind
        self.message = message
    }

    /// `line 14: ...`.
    public var description: String { "line \(line): \(message)" }

    /// True when the problem means the row was not taken.
    public var skipsRow: Bool {
        switch kind {
        case .readAsWindows1252, .beforeHeader: false
        default: true
        }
    }
}
