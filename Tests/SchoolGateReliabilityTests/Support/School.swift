import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import Testing

/// The school every part of the suite starts from, built through `SchoolStore` (the real
/// program's session): admin `ada`; office `olu`, `omar` and `office0`…`office7`; teacher
/// `tess`, admin of collection `year-9`, owning the trip `year-9/paris` and the team site
/// `year-9/news`; sharing `new` for the school and the collection.
enum School {
    static let paris = SiteID(collection: "year-9", slug: "paris")
    static let news = SiteID(collection: "year-9", slug: "news")

    static let setup: [(String, Command)] = {
        var steps: [(String, Command)] = [
            ("ada", .createSchool(name: "Riverside Academy", adminLogin: "ada", adminName: "Ada Admin",
                                  timeZone: "Europe/London", mailFrom: "office@riverside.example")),
            ("ada", .addStaff(login: "olu", name: "Olu Office", roles: [.office])),
            ("ada", .addStaff(login: "omar", name: "Omar Office", roles: [.office])),
            ("ada", .addStaff(login: "tess", name: "Tess Teacher", roles: [.teacher])),
        ]
        for i in 0..<8 { steps.append(("ada", .addStaff(login: "office\(i)", name: "Office \(i)", roles: [.office]))) }
        steps += [
            ("ada", .addCollection(slug: "year-9", title: "Year 9", admins: ["tess"])),
            ("tess", .addSite(collection: "year-9", slug: "paris", kind: .trip, title: "Paris 2027", owners: ["tess"],
                              trip: TripDetails(destination: "Paris", start: LocalDate("2027-03-01")!,
                                                end: LocalDate("2030-03-05")!))),
            ("tess", .addSite(collection: "year-9", slug: "news", kind: .team, title: "Year 9 news", owners: ["tess"],
                              trip: nil)),
            ("ada", .setTenantSharing(.new, confirmed: true)),
            ("tess", .setCollectionSharing(slug: "year-9", level: .new, confirmed: true)),
        ]
        return steps
    }()

    /// Creates the school in a new store at `folder`.
    @discardableResult
    static func create(at folder: URL, clock: @escaping @Sendable () -> Date = { Date() }) throws -> SchoolStore {
        let store = try Store<SchoolState>.open(at: folder, options: StoreOptions(create: true))
        let session = SchoolStore(store: store, login: "ada", osUser: "relia", clock: clock)
        for (login, command) in setup { try session.run(command, as: login) }
        return session
    }

    /// Opens an existing store as `login`.
    static func open(_ folder: URL, as login: String = "ada", fileSystem: (any FileSystem)? = nil,
                     clock: @escaping @Sendable () -> Date = { Date() }) throws -> SchoolStore {
        var options = StoreOptions()
        if let fileSystem { options.fileSystem = fileSystem }
        return SchoolStore(store: try Store<SchoolState>.open(at: folder, options: options), login: login,
                           osUser: "relia", clock: clock)
    }
}

/// The invariants every part checks after a crash, a fault or a race, on the state and
/// the journal of a store: no invitation accepted twice, used PALs equal external users
/// (and every external user is an account that accepted an invitation), never more
/// external users than licences, every accepted invitation's account can see its site.
func checkInvariants(_ session: SchoolStore, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let state = session.store.state
    let journal = try session.store.readJournal()
    var acceptances: [Int: Int] = [:]
    var removed = Set<EmailAddress>()
    for entry in journal {
        switch entry.record.change {
        case .invitationAccepted(let id, _, _): acceptances[id, default: 0] += 1
        case .externalUserRemoved(let email): removed.insert(email)
        default: break
        }
    }
    let twice = acceptances.filter { $0.value > 1 }.keys.sorted()
    #expect(twice.isEmpty, "\(context): invitations accepted more than once: \(twice)", sourceLocation: sourceLocation)
    let gauge = state.palGauge(at: Date())
    #expect(gauge.used == state.externalUsers.count, "\(context): PAL used \(gauge.used)", sourceLocation: sourceLocation)
    #expect(gauge.used <= gauge.capacity, "\(context): more external users than licences", sourceLocation: sourceLocation)
    let acceptedAccounts = Set(state.invitations.values.compactMap { $0.recordedState == .accepted ? $0.acceptedBy : nil })
    let users = Set(state.externalUsers.keys)
    #expect(users.subtracting(acceptedAccounts).isEmpty, "\(context): external users without an accepted invitation",
            sourceLocation: sourceLocation)
    if removed.isEmpty {
        #expect(users == acceptedAccounts, "\(context): accepted accounts that are not external users",
                sourceLocation: sourceLocation)
    }
    for inv in state.invitations.values where inv.recordedState == .accepted {
        guard let account = inv.acceptedBy, users.contains(account) else { continue }
        #expect(state.grants(user: account).contains { $0.site == inv.site }, "\(context): invitation \(inv.id) gave no grant",
                sourceLocation: sourceLocation)
    }
}
