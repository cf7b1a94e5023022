/// Recognises the header names that MIS exports and spreadsheets use for each field.
///
/// Headers are compared after lower-casing and dropping everything but letters and
/// digits, so "E-mail", "e mail" and "EMAIL" are all `email`, "Reg. group" is `reggroup`.
enum ParentListColumns {
    /// `header` as compared: lower case letters and digits only.
    static func normalised(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }))
    }

    /// Accepted names per field, the most specific first (a "Parent name" column wins
    /// over a bare "Name" column).
    static let names: [ParentListField: [String]] = [
        .parentName: ["parentname", "parentcarername", "parentguardianname", "contactname", "carername",
                      "guardianname", "parentfullname", "contactfullname", "primarycontactname",
                      "parentcarer", "parentguardian", "parent", "contact", "primarycontact",
                      "adultname", "recipientname", "fullname", "name"],
        .parentForename: ["parentforename", "parentfirstname", "parentgivenname", "contactforename",
                          "contactfirstname", "contactgivenname", "carerforename", "carerfirstname",
                          "forename", "firstname", "givenname"],
        .parentSurname: ["parentsurname", "parentlastname", "parentfamilyname", "contactsurname",
                         "contactlastname", "contactfamilyname", "carersurname", "carerlastname",
                         "surname", "lastname", "familyname"],
        .email: ["parentemail", "parentemailaddress", "parentcareremail", "parentcareremailaddress",
                 "contactemail", "contactemailaddress", "carersemail", "carersemailaddress",
                 "email", "emailaddress", "mail", "primaryemail", "emailprimary", "homeemail",
                 "personalemail", "emails"],
        .child: ["child", "childname", "childsname", "childfullname", "pupil", "pupilname",
                 "pupilfullname", "student", "studentname", "studentfullname", "learner",
                 "learnername", "children", "childrensnames"],
        .childForename: ["childforename", "childfirstname", "pupilforename", "pupilfirstname",
                         "studentforename", "studentfirstname", "legalforename", "preferredforename"],
        .childSurname: ["childsurname", "childlastname", "pupilsurname", "pupillastname",
                        "studentsurname", "studentlastname", "legalsurname", "preferredsurname"],
        .year: ["year", "yeargroup", "ncyear", "yr", "schoolyear", "curriculumyear", "yeargrp"],
        .form: ["form", "formgroup", "reggroup", "registrationgroup", "regform", "registrationform", "reg",
                "tutorgroup", "formclass", "class", "classname", "homeroom", "tutor", "group"],
    ]

    private static let childWords = ["child", "pupil", "student", "learner", "son", "daughter"]

    /// The column index used for each field of `header`.
    ///
    /// Exact names (from ``names``) win, the earlier in the list the better; only when a
    /// field has no exact match, a header that contains "email" (not a child's e-mail) or
    /// a parent/contact/carer "name" is taken.
    static func map(_ header: [String]) -> [ParentListField: Int] {
        let keys = header.map(normalised)
        var result: [ParentListField: Int] = [:]
        var used = Set<Int>()
        for field in ParentListField.allCases {
            guard let accepted = names[field] else { continue }
            var best: (rank: Int, column: Int)?
            for (column, key) in keys.enumerated() where !used.contains(column) {
                if let rank = accepted.firstIndex(of: key), best == nil || rank < best!.rank {
                    best = (rank, column)
                }
            }
            if let best {
                result[field] = best.column
                used.insert(best.column)
            }
        }
        func isChild(_ key: String) -> Bool { childWords.contains { key.contains($0) } }
        if result[.email] == nil,
           let column = keys.indices.first(where: { !used.contains($0) && keys[$0].contains("email") && !isChild(keys[$0]) }) {
            result[.email] = column
            used.insert(column)
        }
        if result[.parentName] == nil, result[.parentForename] == nil, result[.parentSurname] == nil,
           let column = keys.indices.first(where: { index in
               let key = keys[index]
               return !used.contains(index) && key.contains("name") && !isChild(key)
                   && ["parent", "contact", "carer", "guardian"].contains { key.contains($0) }
           }) {
            result[.parentName] = column
            used.insert(column)
        }
        return result
    }

    /// The words a numbered contact's columns start with: "Contact 1 Email", "Parent 2 Forename".
    private static let contactWords = ["primarycontact", "parentcarer", "parent", "contact", "carer", "guardian"]

    /// The column index used for each field, once per contact: MIS exports with two (or
    /// more) contacts per row (SIMS, Arbor, Bromcom: "Contact 1 Email", "Contact 2 Email",
    /// "Parent 1", "Parent 2 Forename") give one mapping per numbered contact that has an
    /// e-mail column, each with the row's other columns (child, year, form); any other
    /// file gives the one mapping of ``map(_:)``.
    static func contacts(_ header: [String]) -> [[ParentListField: Int]] {
        let keys = header.map(normalised)
        let numbered = keys.map(numberedContact)
        let numbers = Set(numbered.compactMap { $0?.number }).sorted()
        let perContact: [[ParentListField: Int]] = numbers.map { n in
            map(keys.indices.map { i in
                guard let contact = numbered[i] else { return keys[i] }
                return contact.number == n ? contact.key : ""
            })
        }.filter { $0[.email] != nil && numbered[$0[.email]!] != nil }
        return perContact.count >= 2 ? perContact : [map(header)]
    }

    /// "contact1email" → (1, "contactemail"); "parent2" → (2, "parent"); nil for other keys.
    private static func numberedContact(_ key: String) -> (number: Int, key: String)? {
        for word in contactWords where key.hasPrefix(word) {
            let rest = key.dropFirst(word.count)
            let digits = rest.prefix { ("0"..."9").contains($0) }
            guard digits.count == 1, let n = Int(digits) else { return nil }
            return (n, word + rest.dropFirst(digits.count))
        }
        return nil
    }
}
