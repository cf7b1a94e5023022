import Foundation
import Testing
import SchoolGate
import SchoolGateDemo
import SchoolGateRecords

/// The binary snapshot reads back to exactly the state it was written from, knows every
/// field of every type it writes, and refuses damaged bytes with a reason.
@Suite struct BinarySnapshotTests {
    static let end = Date(timeIntervalSince1970: 1_790_000_000)

    @Test(arguments: [DemoSize.small, .large])
    func demoSchoolsRoundTrip(_ size: DemoSize) throws {
        let state = DemoSchool.build(DemoOptions(size: size, end: Self.end, osUser: "tester", scale: size == .large ? 0.2 : 1)).state
        let bytes = state.snapshotBytes()
        #expect(SchoolState.isBinarySnapshot(bytes))
        let back = try SchoolState(snapshotBytes: bytes)
        #expect(back == state)
        #expect(back.snapshotBytes() == bytes, "equal states give equal bytes")
        // Smaller than the same school as journal records (each change once, in JSON).
        let demo = DemoSchool.build(DemoOptions(size: size, end: Self.end, osUser: "tester", scale: size == .large ? 0.2 : 1))
        let records = try JSONEncoder().encode(demo.records.map(StoredRecord.init))
        #expect(bytes.count < records.count)
    }

    @Test func damagedBytesAreRefusedNotCrashed() throws {
        let state = DemoSchool.build(DemoOptions(size: .small, end: Self.end, osUser: "tester")).state
        let bytes = state.snapshotBytes()
        for cut in stride(from: 8, to: bytes.count, by: max(1, bytes.count / 40)) {
            #expect(throws: (any Error).self) { try SchoolState(snapshotBytes: bytes.prefix(cut)) }
        }
        #expect(throws: (any Error).self) { try SchoolState(snapshotBytes: Data("{\"tenant\":1}".utf8)) }
    }

    /// Found by the `snapshot` fuzz target: a grant id given twice was read (the second
    /// grant replacing the first) with the id listed twice in the indexes, so the school
    /// read differed from the same school written and read again.
    @Test func aRepeatedOrMisorderedKeyIsRefused() throws {
        func text(_ s: String) -> [UInt8] { [UInt8(s.utf8.count)] + Array(s.utf8) }
        func staff(_ logins: [String]) -> Data {
            var bytes = SchoolState.firstSnapshotMagic + [0, UInt8(logins.count)]
            for login in logins { bytes += text(login) + text(login) + text(login.uppercased()) + [0] }
            return Data(bytes + [0, 0, 0, 0, 0, 0, 2])  // no collections ... grants; nextID 1
        }
        let good = staff(["ada", "bo"])
        let read = try SchoolState(snapshotBytes: good)
        #expect(read.staff.keys.sorted() == ["ada", "bo"])
        for logins in [["bo", "ada"], ["ada", "ada"]] {
            #expect {
                try SchoolState(snapshotBytes: staff(logins))
            } throws: { "\($0)".contains("repeated or out of order") }
        }
        // Like the fuzzer's input: two grants under the key 0 (key, then the grant: id, site,
        // address, date, source, three absent optionals).
        var grants = SchoolState.firstSnapshotMagic + [0, 0, 0, 0, 0, 0, 0, 2]
        let grant: [UInt8] = [0, 0, 0, 0, 0] + [UInt8](repeating: 0, count: 8) + [0, 0, 0, 0, 0]
        grants += grant + grant + [2]
        #expect { try SchoolState(snapshotBytes: Data(grants)) } throws: { "\($0)".contains("repeated or out of order") }
        var one = SchoolState.firstSnapshotMagic + [0, 0, 0, 0, 0, 0, 0, 1]
        one += grant + [2]
        #expect(try SchoolState(snapshotBytes: Data(one)).grants.count == 1)
    }

    /// Found by the `snapshot` fuzz target: a date whose bytes are not a number was read,
    /// and such a school is never equal to itself (nor can Foundation describe that date).
    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func aDateThatIsNotATimeIsRefused(_ seconds: Double) throws {
        func oneGrant(since: Double) -> Data {
            let date = withUnsafeBytes(of: since.bitPattern.littleEndian) { Array($0) }
            // No tenant ... invitations; one grant: key 0, id 0, site "/", address "", since,
            // source invitation 0, three absent optionals; nextID 1.
            return Data(SchoolState.firstSnapshotMagic + [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0] + date + [0, 0, 0, 0, 0, 2])
        }
        let good = try SchoolState(snapshotBytes: oneGrant(since: 800_000_000))
        #expect(good.grants[0]?.since == Date(timeIntervalSinceReferenceDate: 800_000_000))
        #expect {
            try SchoolState(snapshotBytes: oneGrant(since: seconds))
        } throws: { "\($0)".contains("a date that is not a time") }
    }

    /// When a type gains a field, this fails until SchoolState+Snapshot.swift writes it.
    @Test func theCodecKnowsEveryField() throws {
        let state = DemoSchool.build(DemoOptions(size: .small, end: Self.end, osUser: "tester")).state
        func labels(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }
        let site = try #require(state.sites.values.first)
        let invitation = try #require(state.invitations.values.first)
        let grant = try #require(state.grants.values.first)
        let expected: [(Any, [String])] = [
            // The four index fields after `portalSessions` and `licenceReservations` and
            // `portalSessionsByEmail` are derived, rebuilt by `SchoolState(tenant:…)` (not written).
            (state, ["tenant", "staff", "collections", "sites", "externalUsers", "externalContacts", "invitations",
                     "grants", "nextID", "portalSessions", "grantIDsBySite", "grantIDsByUser", "invitationIDsByEmail", "invitationIDByCodeHash",
                     "licenceReservations", "portalSessionsByEmail"]),
            (try #require(state.tenant), ["schoolName", "sharing", "palCapacity", "requireAccountMatch", "inviteExpiryDays",
                                          "tripGraceDays", "guestAccessDays", "timeZone", "domains", "mailFrom",
                                          "portalURL", "publicPages", "sessionIdleDays", "sessionMaxDays", "removalCandidateDays", "isDemo"]),
            (ExternalUser(email: EmailAddress(trusted: "a@b.example"), since: Self.end),
             ["email", "since", "lastSignIn", "feedTokenHash"]),
            (PortalSession(email: EmailAddress(trusted: "a@b.example"), started: Self.end, lastSeen: Self.end, expires: Self.end),
             ["email", "started", "lastSeen", "expires"]),
            // `storedEvents` is `events`; `eventCountByUID` is derived from it (not written).
            (site, ["id", "title", "kind", "owners", "trip", "archived", "itinerary", "tripContacts", "blog", "photos",
                    "storedEvents", "eventCountByUID", "contacts", "announcements"]),
            (invitation, ["id", "site", "email", "note", "requester", "requested", "recordedState", "expires", "approver",
                          "identityNote", "approved", "codeHash", "endReason", "endedBy", "ended", "acceptedBy", "accepted",
                          "acceptedByDifferentAccount", "mismatchAttempts"]),
            (grant, ["id", "site", "email", "since", "source", "extendedUntil", "ended", "endedBy"]),
            (CalendarEvent(id: 1, uid: "", title: "", span: .allDay(first: LocalDate(year: 2027, month: 1, day: 1)!,
                                                                     last: LocalDate(year: 2027, month: 1, day: 1)!)),
             ["id", "uid", "title", "span", "place", "details", "audience", "repeats", "occurrence"]),
            (Recurrence(rule: nil, zone: "UTC"), ["rule", "zone", "extraStarts", "skipped", "changed"]),
            (RecurrenceRule(.daily), ["frequency", "interval", "end", "byDay", "byMonthDay", "byMonth", "bySetPosition", "weekStart"]),
            (OccurrenceChange(original: .day(LocalDate(year: 2027, month: 1, day: 1)!), span: .allDay(first: LocalDate(year: 2027, month: 1, day: 1)!,
                              last: LocalDate(year: 2027, month: 1, day: 1)!), title: "", place: "", details: ""),
             ["original", "span", "title", "place", "details"]),
            (Staff(login: "a", name: "a", roles: []), ["login", "name", "roles", "left"]),
            (SiteCollection(slug: "a", title: "a", admins: []), ["slug", "title", "admins", "sharing", "domains", "archived"]),
            (ExternalContact(id: 1, name: "", email: nil, phone: "", organisation: "", note: ""),
             ["id", "name", "email", "phone", "organisation", "note"]),
            (Post(id: 1, title: "", body: "", author: "", posted: Self.end), ["id", "title", "body", "author", "posted"]),
            (ItineraryEntry(id: 1, date: LocalDate(year: 2027, month: 1, day: 1)!, time: "", activity: "", place: ""),
             ["id", "date", "time", "activity", "place"]),
            (TripContact(id: 1, name: "", role: "", phone: ""), ["id", "name", "role", "phone"]),
            (Photo(id: 1, caption: "", file: ""), ["id", "caption", "file"]),
            (ContactEntry(id: 1, name: "", role: "", email: "", phone: "", room: ""),
             ["id", "name", "role", "email", "phone", "room"]),
            (MismatchAttempt(account: "", at: Self.end), ["account", "at"]),
            (DomainList(), ["mode", "domains"]),
        ]
        for (value, fields) in expected {
            #expect(labels(value) == fields, "\(type(of: value)) changed: write its new fields in SchoolState+Snapshot.swift and in the journal records (SchoolGateRecords)")
        }
    }
}
