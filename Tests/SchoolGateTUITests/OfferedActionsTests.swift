import Foundation
import Testing
import SchoolGate
import SchoolGateTesting
@testable import SchoolGateTUI

/// Issue 16: for every role and every screen, the hint bar and the help screen offer
/// exactly the actions the domain allows there, and no others. (Issue 18: the school's
/// calendar has a weekly gardening club from today, so skip, move and end a date are
/// checked on a date of a series and on single events.)
extension CursesTests {
@Suite struct OfferedActionsTests {
    init() { _ = TestSupport.pinned }

    /// admin; obrien: office; mkhan: teacher who owns the Paris trip and administers Year 9;
    /// pat: a teacher who manages nothing.
    static let roles = ["admin", "obrien", "mkhan", "pat"]

    /// A screen reached by keys, and what the domain allows there for what is selected.
    struct Place: Sendable, CustomTestStringConvertible {
        var name: String
        var keys: String
        var testDescription: String { name }
    }

    static let places = [
        Place(name: "Sites tab", keys: "1"),
        Place(name: "Sites tab, a site selected", keys: "1j"),
        Place(name: "Invitations tab, first waiting (requested)", keys: "2"),
        Place(name: "Invitations tab, second waiting (sent, not redeemed)", keys: "2j"),
        Place(name: "People tab, external users", keys: "3"),
        Place(name: "People tab, external contacts", keys: "3<Tab>"),
        Place(name: "People tab, staff", keys: "3<Tab><Tab>"),
        Place(name: "Admin tab, tenant level", keys: "4"),
        Place(name: "Admin tab, last row", keys: "4G"),
        Place(name: "Audit tab", keys: "5"),
        Place(name: "Paris trip, itinerary", keys: "1/paris<Enter><Enter>"),
        Place(name: "Paris trip, people with access", keys: "1/paris<Enter><Enter><Tab><Tab><Tab><Tab>"),
        Place(name: "Paris trip, a waiting invitation", keys: "1/paris<Enter><Enter><Tab><Tab><Tab><Tab>G"),
        Place(name: "School events, month grid (today: a date of the gardening club)", keys: "1/events<Enter><Enter>"),
        Place(name: "School events, month grid, a day with nothing on", keys: "1/events<Enter><Enter><Right>"),
        Place(name: "School events, month grid, a single event", keys: "1/events<Enter><Enter><Right><Right><Right>"),
        Place(name: "School events, agenda, a date of a series", keys: "1/events<Enter><Enter><Tab>/Gardening<Enter>"),
        Place(name: "School events, agenda, a single event", keys: "1/events<Enter><Enter><Tab>/Sports day<Enter>"),
        Place(name: "Year 9 team, announcements", keys: "1/Year 9 team<Enter><Enter>"),
    ]

    /// The actions whose offer depends on who asks (the rest are movement and views).
    static let gated: [ActionID] = [.invite, .grant, .revoke, .extend, .edit, .add, .delete, .approve, .reject, .withdraw,
                                    .setLevel, .removeExternal, .accessReport, .editTrip, .siteOwners, .newSite,
                                    .newCollection, .filter, .yearEnd, .skipDate, .moveDate, .endSeries]

    /// What the domain allows on `screen` for what it has selected: asked of the domain
    /// directly, action by action.
    static func expected(_ screen: Screen?, _ state: SchoolState, _ login: String, _ now: Date) -> Set<ActionID> {
        func may(_ a: StaffAction?) -> Bool { a.map { state.allows($0, by: login, at: now) } ?? false }
        var out = Set<ActionID>()
        func offer(_ id: ActionID, _ yes: Bool) { if yes { out.insert(id) } }
        switch screen {
        case let s as SitesScreen:
            offer(.setLevel, may(s.selectedCollection.map { .setCollectionSharing(collection: $0) }))
            offer(.newSite, may(s.selectedCollection.map { .addSite(collection: $0) }))
            offer(.newCollection, may(.addCollection))
        case let s as InvitationsScreen:
            offer(.filter, true)
            offer(.approve, may(s.selected.map { .approveInvitation($0.id) }))
            offer(.reject, may(s.selected.map { .rejectInvitation($0.id) }))
            offer(.withdraw, may(s.selected.map { .withdrawInvitation($0.id) }))
        case let s as PeopleScreen:
            let selected = s.selectedKey != nil
            switch s.pane {
            case .users:
                offer(.filter, true)
                offer(.removeExternal, selected && may(.removeExternalUser))
            case .contacts:
                offer(.add, may(.manageExternalContacts))
                offer(.edit, selected && may(.manageExternalContacts))
                offer(.delete, selected && may(.manageExternalContacts))
                offer(.invite, selected && state.sites.keys.contains { may(.requestInvitation($0)) })
            case .staff:
                offer(.add, may(.addStaff))
                offer(.edit, selected && may(.changeStaffRoles))
            }
        case let s as AdminScreen:
            offer(.accessReport, state.maySee(.accessReport, by: login))
            offer(.yearEnd, may(.archiveYearEnd))
            switch s.selected {
            case .tenantLevel?: offer(.setLevel, may(.setTenantSharing))
            case .collectionLevel(let c)?: offer(.setLevel, may(.setCollectionSharing(collection: c)))
            case .policy?: offer(.edit, may(.setTenantPolicy))
            case .tenantDomains?: offer(.edit, may(.setTenantDomains))
            case .collectionDomains(let c)?: offer(.edit, may(.setCollectionDomains(collection: c)))
            case nil: break
            }
        case is AuditScreen:
            offer(.filter, state.maySee(.auditLog, by: login))
        case let s as SiteScreen:
            let site = s.siteID
            let content = s.pane.contentKind != nil
            offer(.add, s.pane != .access && may(.changeContent(site)))
            offer(.edit, content && s.selectedContentID != nil && may(.changeContent(site)))
            offer(.delete, content && s.selectedContentID != nil && may(.changeContent(site)))
            offer(.invite, may(.requestInvitation(site)))
            offer(.grant, may(.grantAccess(site)))
            offer(.editTrip, may(.setTrip(site)))
            offer(.siteOwners, may(.setSiteOwners(site)))
            offer(.withdraw, s.pane == .access && may(s.selectedInvitation.map { .withdrawInvitation($0.id) }))
            offer(.revoke, s.pane == .access && s.selectedGrant != nil && may(.revokeAccess(site)))
            offer(.extend, s.pane == .access && s.selectedGrant != nil && may(.extendGrant(site)))
            // A date of a repeating event, on Month or Agenda: the series as stored must repeat.
            let series = s.selectedOccurrence.flatMap { state.sites[site]?.event(id: $0.series.id) }
            let onADate = (s.pane == .month || s.pane == .agenda) && series?.repeats != nil
            offer(.skipDate, onADate && may(.changeContent(site)))
            offer(.moveDate, onADate && may(.changeContent(site)))
            offer(.endSeries, onADate && series?.repeats?.rule != nil && may(.changeContent(site)))
        default:
            Issue.record("no expectation for \(String(describing: screen))")
        }
        return out
    }

    /// The UI over `session` on a headless terminal, with its shell.
    static func open(_ session: InMemorySession, rows: Int = 40, cols: Int = 160) throws -> (AppShell, HeadlessDriver) {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: "default", environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        let shell = SchoolApp.makeShell(session: session, settings: settings, options: options)
        return (shell, try HeadlessDriver(shell: shell, rows: rows, cols: cols))
    }

    struct Cell: Sendable, CustomTestStringConvertible {
        var role: String
        var place: Place
        var testDescription: String { "\(role) on \(place.name)" }
    }

    static let cells = roles.flatMap { r in places.map { Cell(role: r, place: $0) } }

    @Test("the hint bar and the help offer exactly what the domain allows, for every role on every screen", arguments: cells)
    func offered(_ cell: Cell) throws {
        let (session, _) = RepeatingEventsTests.withGardeningClub(as: cell.role)
        _ = session.apply(.addStaff(login: "pat", name: "Pat Newcomer", roles: [.teacher]), as: "admin")
        let (shell, d) = try Self.open(session, rows: 120, cols: 240)
        defer { d.close() }
        try d.type(cell.place.keys)
        let expected = Self.expected(shell.currentScreen, session.state, cell.role, TestSupport.now)
        let hintBar = d.screen.last ?? ""
        if cell.place.name.contains("a date of") {
            #expect(shell.currentScreen.flatMap { ($0 as? SiteScreen)?.selectedOccurrence?.series.title } == "Gardening club",
                    "\(cell.testDescription): a date of the series is selected")
        } else if cell.place.name.hasPrefix("School events") {
            #expect((shell.currentScreen as? SiteScreen)?.selectedOccurrence == nil, "\(cell.testDescription)")
        }
        let bindings = shell.bindings
        let scopes = shell.screenScopes
        for id in Self.gated {
            let spec = try #require(bindings.table.spec(id))
            let reachable = bindings.keys(for: id).contains { bindings.action(for: $0, in: scopes) == id }
            let shouldOffer = expected.contains(id) && reachable
            #expect(shell.offered(id) == expected.contains(id) || !reachable, "\(cell.testDescription): \(id) offered")
            if let label = spec.hint, let key = bindings.keys(for: id).first, bindings.action(for: key, in: scopes) == id {
                #expect(hintBar.contains("\(key.name) \(label)") == shouldOffer,
                        "\(cell.testDescription): hint bar \(shouldOffer ? "lacks" : "offers") \(id): \(hintBar)")
            }
        }
        try d.type("?")
        let help = d.screen.joined(separator: "\n")
        #expect(help.contains("Help: keys"), "\(cell.testDescription): the help is open")
        for id in Self.gated {
            let spec = try #require(bindings.table.spec(id))
            let reachable = bindings.keys(for: id).contains { bindings.action(for: $0, in: scopes) == id }
            let shouldOffer = expected.contains(id) && reachable
            let listed = help.contains("  " + spec.help)
            #expect(listed == shouldOffer, "\(cell.testDescription): help \(shouldOffer ? "lacks" : "lists") \(id)")
        }
    }

    @Test("fix: office staff are offered Reject for an approved invitation not yet redeemed; teachers never")
    func rejectSent() throws {
        for (role, offered) in [("obrien", true), ("admin", true), ("mkhan", false)] {
            let session = DemoSchool.session(as: role, sharing: true)
            let (shell, d) = try Self.open(session)
            defer { d.close() }
            try d.type("2/sam.parent<Enter>")
            let screen = try #require(shell.currentScreen as? InvitationsScreen)
            #expect(screen.selected?.email.value == "sam.parent@example.org")
            #expect(screen.selected?.state(at: TestSupport.now) == .sent)
            #expect(shell.offered(.reject) == offered, "\(role)")
            #expect((d.screen.last ?? "").contains("r Reject") == offered, "\(role): \(d.screen.last ?? "")")
        }
    }

    @Test("fix: a timed event ending at 00:00 is on one day in the month grid, as in the agenda")
    func midnightEvent() throws {
        let session = DemoSchool.session(as: "admin", sharing: false)
        let event = CalendarEvent(id: 0, uid: "", title: "Late concert",
                                  span: .timed(start: DemoSchool.at("2026-03-10", 21, 0), end: DemoSchool.at("2026-03-11", 0, 0)),
                                  audience: .public)
        _ = session.apply(.saveContent(site: DemoSchool.events, .event(event)), as: "admin")
        let (shell, d) = try Self.open(session)
        defer { d.close() }
        try d.type("1/events<Enter><Enter>")
        let site = try #require(shell.currentScreen as? SiteScreen)
        let zone = try #require(session.state.tenant?.zone)
        let late = try #require(session.state.sites[DemoSchool.events]?.events.first { $0.title == "Late concert" })
        #expect(site.marks[LocalDate("2026-03-10")!]?.contains(.public) == true)
        #expect(site.marks[LocalDate("2026-03-11")!] == nil, "nothing else is on the 11th: the concert ends at its midnight")
        #expect(late.days(in: zone) == LocalDate("2026-03-10")!...LocalDate("2026-03-10")!)
        let agenda = session.state.sites[DemoSchool.events]!.agenda(from: LocalDate("2026-03-11")!, days: 1, in: zone, for: .staff)
        #expect(!agenda.contains { $0.id == late.id })
    }
}
}
