import Foundation
import SchoolGate

/// The binary snapshot of a school: everything it holds, in a form about 20 times faster to
/// read than JSON, which is what makes opening the largest school instant.
///
/// Layout: the 8 magic bytes `SGSNAP1\n`, then the fields of `SchoolState` in declaration
/// order, each dictionary as a count and its entries in ascending key order (so equal
/// states give equal bytes; the reader refuses a repeated key or any other order).
/// Numbers are LEB128 (signed ones zig-zag), texts a byte count and UTF-8, dates the 8
/// bytes of their `timeIntervalSinceReferenceDate`, enums their raw name.
///
/// Every field of every type must be written here. A field this file does not know makes
/// the school read back unequal: `encodeSnapshot()` then refuses to write the snapshot,
/// and `BinarySnapshotTests` (demo schools), the model-based domain tests (random
/// schools) and `FixtureStoreTests` (every change kind) fail.
extension SchoolState {
    /// The first bytes of the binary snapshots this version writes (a JSON snapshot starts
    /// with `{`). Version 2 added the portal's policies, sessions, last sign-ins and feeds;
    /// version 3 the tenant's demo mark; version 4 the tenant's `removal-candidate-days`,
    /// when staff left, and when sites and collections were archived; version 5 events'
    /// repeats.
    public static let snapshotMagic: [UInt8] = Array("SGSNAP5\n".utf8)
    /// The first bytes of version 4 snapshots (written up to 0e80c79), still read.
    public static let fourthSnapshotMagic: [UInt8] = Array("SGSNAP4\n".utf8)
    /// The first bytes of version 1 snapshots (written up to d0a019b), still read.
    public static let firstSnapshotMagic: [UInt8] = Array("SGSNAP1\n".utf8)
    /// The first bytes of version 2 snapshots (written up to b5388d5), still read.
    public static let secondSnapshotMagic: [UInt8] = Array("SGSNAP2\n".utf8)
    /// The first bytes of version 3 snapshots (written up to 93e5a89), still read.
    public static let thirdSnapshotMagic: [UInt8] = Array("SGSNAP3\n".utf8)

    /// The version of the binary snapshot `data` starts with (1 to 5); nil for anything else.
    static func binarySnapshotVersion(_ data: Data) -> Int? {
        guard data.count >= snapshotMagic.count else { return nil }
        let head = Array(data.prefix(snapshotMagic.count))
        if head == snapshotMagic { return 5 }
        if head == fourthSnapshotMagic { return 4 }
        if head == thirdSnapshotMagic { return 3 }
        if head == secondSnapshotMagic { return 2 }
        if head == firstSnapshotMagic { return 1 }
        return nil
    }

    /// True when `data` starts like a binary snapshot this version reads.
    public static func isBinarySnapshot(_ data: Data) -> Bool { binarySnapshotVersion(data) != nil }

    /// The state as a binary snapshot (see the type's documentation).
    public func snapshotBytes() -> Data {
        var w = SnapshotWriter(capacity: 1 << 20)
        w.magic(Self.snapshotMagic)
        w.optional(tenant) { $0.tenant($1) }
        w.count(staff.count)
        for key in staff.keys.sorted() { w.string(key); w.staff(staff[key]!) }
        w.count(collections.count)
        for key in collections.keys.sorted() { w.string(key); w.collection(collections[key]!) }
        w.count(sites.count)
        for key in sites.keys.sorted() { w.siteID(key); w.site(sites[key]!) }
        w.count(externalUsers.count)
        for key in externalUsers.keys.sorted() {
            w.string(key.value)
            w.externalUser(externalUsers[key]!)
        }
        w.count(externalContacts.count)
        for key in externalContacts.keys.sorted() { w.int(key); w.externalContact(externalContacts[key]!) }
        w.count(invitations.count)
        for key in invitations.keys.sorted() { w.int(key); w.invitation(invitations[key]!) }
        w.count(grants.count)
        for key in grants.keys.sorted() { w.int(key); w.grant(grants[key]!) }
        w.int(nextID)
        w.count(portalSessions.count)
        for key in portalSessions.keys.sorted() { w.string(key); w.portalSession(portalSessions[key]!) }
        return Data(w.bytes)
    }

    /// Reads a binary snapshot written by ``snapshotBytes()``; the entries come in key
    /// order, so the school's indexes are built in one pass.
    /// - Throws: an error naming the byte where the snapshot stops making sense.
    public init(snapshotBytes data: Data) throws {
        let magic = Self.snapshotMagic.count
        guard let version = Self.binarySnapshotVersion(data) else {
            throw SnapshotFormatError(description: "this is not a binary schoolgate snapshot this version reads")
        }
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<SchoolState, SnapshotFormatError> in
            var r = SnapshotReader(raw, offset: magic, version: version)
            do throws(SnapshotFormatError) {
                return .success(try Self.read(&r))
            } catch {
                return .failure(error)
            }
        }
        self = try result.get()
    }

    private static func read(_ r: inout SnapshotReader) throws(SnapshotFormatError) -> SchoolState {
        let tenant = try r.optional { r throws(SnapshotFormatError) in try r.tenant() }
        var n = try r.count()
        var staff: [String: Staff] = [:]
        staff.reserveCapacity(n)
        var lastLogin: String?
        for _ in 0..<n { staff[try r.key(after: &lastLogin) { r throws(SnapshotFormatError) in try r.string() }] = try r.staff() }
        n = try r.count()
        var collections: [String: SiteCollection] = [:]
        collections.reserveCapacity(n)
        var lastSlug: String?
        for _ in 0..<n {
            collections[try r.key(after: &lastSlug) { r throws(SnapshotFormatError) in try r.string() }] = try r.collection()
        }
        n = try r.count()
        var sites: [SiteID: Site] = [:]
        sites.reserveCapacity(n)
        var lastSite: SiteID?
        for _ in 0..<n { sites[try r.key(after: &lastSite) { r throws(SnapshotFormatError) in try r.siteID() }] = try r.site() }
        n = try r.count()
        var externalUsers: [EmailAddress: ExternalUser] = [:]
        externalUsers.reserveCapacity(n)
        var lastUser: EmailAddress?
        for _ in 0..<n {
            externalUsers[try r.key(after: &lastUser) { r throws(SnapshotFormatError) in try r.email() }] = try r.externalUser()
        }
        n = try r.count()
        var externalContacts: [Int: ExternalContact] = [:]
        externalContacts.reserveCapacity(n)
        var lastID: Int?
        for _ in 0..<n {
            externalContacts[try r.key(after: &lastID) { r throws(SnapshotFormatError) in try r.int() }] = try r.externalContact()
        }
        n = try r.count()
        var invitations: [Invitation] = []
        invitations.reserveCapacity(n)
        lastID = nil
        for _ in 0..<n {
            let id = try r.key(after: &lastID) { r throws(SnapshotFormatError) in try r.int() }, inv = try r.invitation()
            guard inv.id == id else { throw r.fail("invitation \(inv.id) filed under id \(id)") }
            invitations.append(inv)
        }
        n = try r.count()
        var grants: [Grant] = []
        grants.reserveCapacity(n)
        lastID = nil
        for _ in 0..<n {
            let id = try r.key(after: &lastID) { r throws(SnapshotFormatError) in try r.int() }, g = try r.grant()
            guard g.id == id else { throw r.fail("grant \(g.id) filed under id \(id)") }
            grants.append(g)
        }
        let nextID = try r.int()
        var sessions: [String: PortalSession] = [:]
        if r.version >= 2 {
            n = try r.count()
            sessions.reserveCapacity(n)
            var lastKey: String?
            for _ in 0..<n {
                sessions[try r.key(after: &lastKey) { r throws(SnapshotFormatError) in try r.string() }] = try r.portalSession()
            }
        }
        guard r.isAtEnd else { throw r.fail("unexpected bytes after the school") }
        return SchoolState(tenant: tenant, staff: staff, collections: collections, sites: sites, externalUsers: externalUsers,
                           externalContacts: externalContacts, invitationsInIDOrder: invitations, grantsInIDOrder: grants,
                           nextID: nextID, portalSessions: sessions)
    }
}

// MARK: writing each type

extension SnapshotWriter {

    mutating func raw<E: RawRepresentable>(_ value: E) where E.RawValue == String { string(value.rawValue) }

    mutating func localDate(_ d: LocalDate) {
        int(d.year)
        int(d.month)
        int(d.day)
    }

    mutating func siteID(_ id: SiteID) {
        string(id.collection)
        string(id.slug)
    }

    mutating func domains(_ d: DomainList) {
        raw(d.mode)
        array(d.domains) { $0.string($1) }
    }

    mutating func tenant(_ t: Tenant) {
        string(t.schoolName)
        raw(t.sharing)
        int(t.palCapacity)
        bool(t.requireAccountMatch)
        int(t.inviteExpiryDays)
        int(t.tripGraceDays)
        optional(t.guestAccessDays) { $0.int($1) }
        string(t.timeZone)
        domains(t.domains)
        string(t.mailFrom)
        optional(t.portalURL) { $0.string($1) }
        bool(t.publicPages)
        int(t.sessionIdleDays)
        int(t.sessionMaxDays)
        bool(t.isDemo)
        int(t.removalCandidateDays)
    }

    mutating func staff(_ s: Staff) {
        string(s.login)
        string(s.name)
        array(s.roles.sorted()) { $0.raw($1) }
        optional(s.left) { $0.date($1) }
    }

    mutating func collection(_ c: SiteCollection) {
        string(c.slug)
        string(c.title)
        array(c.admins) { $0.string($1) }
        raw(c.sharing)
        domains(c.domains)
        optional(c.archived) { $0.date($1) }
    }

    mutating func post(_ p: Post) {
        int(p.id)
        string(p.title)
        string(p.body)
        string(p.author)
        date(p.posted)
    }

    mutating func event(_ e: CalendarEvent) {
        int(e.id)
        string(e.uid)
        string(e.title)
        eventSpan(e.span)
        string(e.place)
        string(e.details)
        raw(e.audience)
        optional(e.repeats) { $0.repeats($1) }
    }

    mutating func eventSpan(_ span: EventSpan) {
        switch span {
        case .timed(let start, let end):
            unsigned(0)
            date(start)
            date(end)
        case .allDay(let first, let last):
            unsigned(1)
            localDate(first)
            localDate(last)
        }
    }

    mutating func occurrenceStart(_ start: OccurrenceStart) {
        switch start {
        case .instant(let t):
            unsigned(0)
            date(t)
        case .day(let d):
            unsigned(1)
            localDate(d)
        }
    }

    mutating func repeats(_ r: Recurrence) {
        string(r.zone)
        optional(r.rule) { $0.string($1.rrule) }
        array(r.extraStarts) { $0.occurrenceStart($1) }
        array(r.skipped) { $0.occurrenceStart($1) }
        array(r.changed) { w, c in
            w.occurrenceStart(c.original)
            w.eventSpan(c.span)
            w.string(c.title)
            w.string(c.place)
            w.string(c.details)
        }
    }

    mutating func site(_ s: Site) {
        siteID(s.id)
        string(s.title)
        raw(s.kind)
        array(s.owners) { $0.string($1) }
        optional(s.trip) { w, t in
            w.string(t.destination)
            w.localDate(t.start)
            w.localDate(t.end)
        }
        array(s.itinerary) { w, i in
            w.int(i.id)
            w.localDate(i.date)
            w.string(i.time)
            w.string(i.activity)
            w.string(i.place)
        }
        array(s.tripContacts) { w, c in
            w.int(c.id)
            w.string(c.name)
            w.string(c.role)
            w.string(c.phone)
        }
        array(s.blog) { $0.post($1) }
        array(s.photos) { w, p in
            w.int(p.id)
            w.string(p.caption)
            w.string(p.file)
        }
        array(s.events) { $0.event($1) }
        array(s.contacts) { w, c in
            w.int(c.id)
            w.string(c.name)
            w.string(c.role)
            w.string(c.email)
            w.string(c.phone)
            w.string(c.room)
        }
        array(s.announcements) { $0.post($1) }
        optional(s.archived) { $0.date($1) }
    }

    mutating func externalUser(_ u: ExternalUser) {
        string(u.email.value)
        date(u.since)
        optional(u.lastSignIn) { $0.date($1) }
        optional(u.feedTokenHash) { $0.string($1) }
    }

    mutating func portalSession(_ s: PortalSession) {
        string(s.email.value)
        date(s.started)
        date(s.lastSeen)
        date(s.expires)
    }

    mutating func externalContact(_ c: ExternalContact) {
        int(c.id)
        string(c.name)
        optional(c.email) { $0.string($1.value) }
        string(c.phone)
        string(c.organisation)
        string(c.note)
    }

    mutating func invitation(_ i: Invitation) {
        int(i.id)
        siteID(i.site)
        string(i.email.value)
        string(i.note)
        string(i.requester)
        date(i.requested)
        raw(i.recordedState)
        date(i.expires)
        optional(i.approver) { $0.string($1) }
        optional(i.identityNote) { $0.string($1) }
        optional(i.approved) { $0.date($1) }
        optional(i.codeHash) { $0.string($1) }
        optional(i.endReason) { $0.string($1) }
        optional(i.endedBy) { $0.string($1) }
        optional(i.ended) { $0.date($1) }
        optional(i.acceptedBy) { $0.string($1.value) }
        optional(i.accepted) { $0.date($1) }
        bool(i.acceptedByDifferentAccount)
        array(i.mismatchAttempts) { w, m in
            w.string(m.account)
            w.date(m.at)
        }
    }

    mutating func grant(_ g: Grant) {
        int(g.id)
        siteID(g.site)
        string(g.email.value)
        date(g.since)
        switch g.source {
        case .invitation(let id):
            unsigned(0)
            int(id)
        case .direct(let by):
            unsigned(1)
            string(by)
        }
        optional(g.extendedUntil) { $0.localDate($1) }
        optional(g.ended) { $0.date($1) }
        optional(g.endedBy) { $0.string($1) }
    }
}

// MARK: reading each type

extension SnapshotReader {
    /// Reads the key of a dictionary entry, which must come after `previous`: the writer
    /// sorts the keys, so a repeated key (which would drop an entry) or one out of order
    /// (which would put the indexes out of id order) means the bytes are damaged.
    mutating func key<K: Comparable>(after previous: inout K?, _ read: (inout SnapshotReader) throws(SnapshotFormatError) -> K)
        throws(SnapshotFormatError) -> K
    {
        let key = try read(&self)
        if let previous, !(previous < key) { throw fail("an entry is repeated or out of order") }
        previous = key
        return key
    }

    mutating func localDate() throws(SnapshotFormatError) -> LocalDate {
        let y = try int(), m = try int(), d = try int()
        guard let date = LocalDate(year: y, month: m, day: d) else { throw fail("\(y)-\(m)-\(d) is not a date") }
        return date
    }

    mutating func siteID() throws(SnapshotFormatError) -> SiteID {
        SiteID(collection: try string(), slug: try string())
    }

    /// Addresses in a snapshot were checked when they were recorded (and the snapshot's
    /// checksum when it was read), so they are not parsed again.
    mutating func email() throws(SnapshotFormatError) -> EmailAddress {
        EmailAddress(trusted: try string())
    }

    mutating func strings() throws(SnapshotFormatError) -> [String] {
        try array { r throws(SnapshotFormatError) in try r.string() }
    }

    mutating func domains() throws(SnapshotFormatError) -> DomainList {
        let mode = try raw(DomainList.Mode.self)
        return DomainList(mode: mode, domains: try strings())
    }

    mutating func tenant() throws(SnapshotFormatError) -> Tenant {
        let name = try string()
        let sharing = try raw(SharingLevel.self)
        let capacity = try int()
        let match = try bool()
        let expiry = try int()
        let grace = try int()
        let guest = try optional { r throws(SnapshotFormatError) in try r.int() }
        var t = Tenant(schoolName: name, timeZone: try string(), mailFrom: "")
        t.domains = try domains()
        t.mailFrom = try string()
        t.sharing = sharing
        t.palCapacity = capacity
        t.requireAccountMatch = match
        t.inviteExpiryDays = expiry
        t.tripGraceDays = grace
        t.guestAccessDays = guest
        if version >= 2 {
            t.portalURL = try optionalString()
            t.publicPages = try bool()
            t.sessionIdleDays = try int()
            t.sessionMaxDays = try int()
        }
        if version >= 3 { t.isDemo = try bool() }
        if version >= 4 { t.removalCandidateDays = try int() }
        return t
    }

    mutating func staff() throws(SnapshotFormatError) -> Staff {
        let login = try string(), name = try string()
        let roles = try array { r throws(SnapshotFormatError) in try r.raw(StaffRole.self) }
        var s = Staff(login: login, name: name, roles: Set(roles))
        if version >= 4 { s.left = try optionalDate() }
        return s
    }

    mutating func collection() throws(SnapshotFormatError) -> SiteCollection {
        var c = SiteCollection(slug: try string(), title: try string(), admins: try strings())
        c.sharing = try raw(SharingLevel.self)
        c.domains = try domains()
        if version >= 4 { c.archived = try optionalDate() }
        return c
    }

    mutating func post() throws(SnapshotFormatError) -> Post {
        Post(id: try int(), title: try string(), body: try string(), author: try string(), posted: try date())
    }

    mutating func event() throws(SnapshotFormatError) -> CalendarEvent {
        let id = try int(), uid = try string(), title = try string()
        let span = try eventSpan()
        var e = CalendarEvent(id: id, uid: uid, title: title, span: span, place: try string(), details: try string(),
                              audience: try raw(Audience.self))
        if version >= 5 { e.repeats = try optional { r throws(SnapshotFormatError) in try r.repeats(timed: !span.isAllDay) } }
        return e
    }

    mutating func eventSpan() throws(SnapshotFormatError) -> EventSpan {
        switch try unsigned() {
        case 0: return .timed(start: try date(), end: try date())
        case 1: return .allDay(first: try localDate(), last: try localDate())
        default: throw fail("an unknown kind of event time")
        }
    }

    mutating func occurrenceStart() throws(SnapshotFormatError) -> OccurrenceStart {
        switch try unsigned() {
        case 0: return .instant(try date())
        case 1: return .day(try localDate())
        default: throw fail("an unknown kind of repeat date")
        }
    }

    mutating func repeats(timed: Bool) throws(SnapshotFormatError) -> Recurrence {
        let zone = try string()
        let rule = try optional { r throws(SnapshotFormatError) in
            let text = try r.string()
            do throws(Refusal) {
                return try RecurrenceRule(rrule: text, timed: timed, zone: TimeZone(identifier: "UTC")!)
            } catch {
                throw r.fail("an event's repeat rule cannot be read: \(error.message)")
            }
        }
        return Recurrence(
            rule: rule, zone: zone,
            extraStarts: try array { r throws(SnapshotFormatError) in try r.occurrenceStart() },
            skipped: try array { r throws(SnapshotFormatError) in try r.occurrenceStart() },
            changed: try array { r throws(SnapshotFormatError) in
                OccurrenceChange(original: try r.occurrenceStart(), span: try r.eventSpan(), title: try r.string(),
                                 place: try r.string(), details: try r.string())
            })
    }

    mutating func site() throws(SnapshotFormatError) -> Site {
        var s = Site(id: try siteID(), title: try string(), kind: try raw(SiteKind.self), owners: try strings())
        s.trip = try optional { r throws(SnapshotFormatError) in
            TripDetails(destination: try r.string(), start: try r.localDate(), end: try r.localDate())
        }
        s.itinerary = try array { r throws(SnapshotFormatError) in
            ItineraryEntry(id: try r.int(), date: try r.localDate(), time: try r.string(), activity: try r.string(),
                           place: try r.string())
        }
        s.tripContacts = try array { r throws(SnapshotFormatError) in
            TripContact(id: try r.int(), name: try r.string(), role: try r.string(), phone: try r.string())
        }
        s.blog = try array { r throws(SnapshotFormatError) in try r.post() }
        s.photos = try array { r throws(SnapshotFormatError) in
            Photo(id: try r.int(), caption: try r.string(), file: try r.string())
        }
        s.events = try array { r throws(SnapshotFormatError) in try r.event() }
        s.contacts = try array { r throws(SnapshotFormatError) in
            ContactEntry(id: try r.int(), name: try r.string(), role: try r.string(), email: try r.string(),
                         phone: try r.string(), room: try r.string())
        }
        s.announcements = try array { r throws(SnapshotFormatError) in try r.post() }
        if version >= 4 { s.archived = try optionalDate() }
        return s
    }

    mutating func externalUser() throws(SnapshotFormatError) -> ExternalUser {
        var user = ExternalUser(email: try email(), since: try date())
        if version >= 2 {
            user.lastSignIn = try optionalDate()
            user.feedTokenHash = try optionalString()
        }
        return user
    }

    mutating func portalSession() throws(SnapshotFormatError) -> PortalSession {
        PortalSession(email: try email(), started: try date(), lastSeen: try date(), expires: try date())
    }

    mutating func externalContact() throws(SnapshotFormatError) -> ExternalContact {
        ExternalContact(id: try int(), name: try string(),
                        email: try optional { r throws(SnapshotFormatError) in try r.email() },
                        phone: try string(), organisation: try string(), note: try string())
    }

    mutating func optionalString() throws(SnapshotFormatError) -> String? {
        try optional { r throws(SnapshotFormatError) in try r.string() }
    }

    mutating func optionalDate() throws(SnapshotFormatError) -> Date? {
        try optional { r throws(SnapshotFormatError) in try r.date() }
    }

    mutating func invitation() throws(SnapshotFormatError) -> Invitation {
        let id = try int(), site = try siteID(), email = try email(), note = try string(), requester = try string()
        let requested = try date()
        let state = try raw(InvitationState.self)
        var i = Invitation(id: id, site: site, email: email, note: note, requester: requester, requested: requested,
                           expires: try date())
        i.recordedState = state
        i.approver = try optionalString()
        i.identityNote = try optionalString()
        i.approved = try optionalDate()
        i.codeHash = try optionalString()
        i.endReason = try optionalString()
        i.endedBy = try optionalString()
        i.ended = try optionalDate()
        i.acceptedBy = try optional { r throws(SnapshotFormatError) in try r.email() }
        i.accepted = try optionalDate()
        i.acceptedByDifferentAccount = try bool()
        i.mismatchAttempts = try array { r throws(SnapshotFormatError) in
            MismatchAttempt(account: try r.string(), at: try r.date())
        }
        return i
    }

    mutating func grant() throws(SnapshotFormatError) -> Grant {
        let id = try int(), site = try siteID(), email = try email(), since = try date()
        let source: GrantSource
        switch try unsigned() {
        case 0: source = .invitation(id: try int())
        case 1: source = .direct(by: try string())
        default: throw fail("an unknown kind of grant")
        }
        var g = Grant(id: id, site: site, email: email, since: since, source: source)
        g.extendedUntil = try optional { r throws(SnapshotFormatError) in try r.localDate() }
        g.ended = try optionalDate()
        g.endedBy = try optionalString()
        return g
    }
}
