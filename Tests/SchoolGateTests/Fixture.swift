import Foundation
import Testing
@testable import SchoolGate

/// A deterministic random source for tests (SplitMix64).
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A small school with one member of staff per role, a collection and sites, and a movable clock.
///
/// Staff: `ada` (admin), `olu` and `omar` (office), `tess` (teacher, owns the trip and the
/// calendar), `tom` (teacher, owns nothing), `cora` (teacher, admin of the `year-9` collection).
struct Fixture {
    var state = SchoolState()
    var now = Date(timeIntervalSince1970: 1_790_000_000) // 2026-09-21
    var random = SeededRandom(seed: 42)
    let trip = SiteID(collection: "year-9", slug: "paris")
    let calendar = SiteID(collection: "year-9", slug: "calendar")
    let team = SiteID(collection: "year-9", slug: "team")

    init(sharing: SharingLevel? = .new) {
        run("ada", .createSchool(name: "Riverside Academy", adminLogin: "ada", adminName: "Ada Admin",
                                 timeZone: "Europe/London", mailFrom: "office@riverside.example"))
        run("ada", .addStaff(login: "olu", name: "Olu Office", roles: [.office]))
        run("ada", .addStaff(login: "omar", name: "Omar Office", roles: [.office]))
        run("ada", .addStaff(login: "tess", name: "Tess Teacher", roles: [.teacher]))
        run("ada", .addStaff(login: "tom", name: "Tom Teacher", roles: [.teacher]))
        run("ada", .addStaff(login: "cora", name: "Cora Coordinator", roles: [.teacher]))
        run("ada", .addCollection(slug: "year-9", title: "Year 9", admins: ["cora"]))
        run("cora", .addSite(collection: "year-9", slug: "paris", kind: .trip, title: "Paris 2027", owners: ["tess"],
                             trip: TripDetails(destination: "Paris", start: LocalDate("2026-10-05")!, end: LocalDate("2026-10-09")!)))
        run("cora", .addSite(collection: "year-9", slug: "calendar", kind: .calendar, title: "Year 9 calendar",
                             owners: ["tess"], trip: nil))
        run("cora", .addSite(collection: "year-9", slug: "team", kind: .team, title: "Year 9 team",
                             owners: ["tom"], trip: nil))
        if let sharing {
            run("ada", .setTenantSharing(sharing, confirmed: true))
            run("ada", .setCollectionSharing(slug: "year-9", level: sharing, confirmed: true))
        }
    }

    func context(_ login: String) -> CommandContext {
        CommandContext(login: login, osUser: "tester", now: now)
    }

    /// Runs a command that must succeed.
    @discardableResult
    mutating func run(_ login: String, _ command: Command,
                      sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        do {
            return try state.decideAndApply(command, context: context(login), random: &random).result.get()
        } catch {
            Issue.record("\(command.name) by \(login) was refused: \(error.message)", sourceLocation: sourceLocation)
            return .done
        }
    }

    /// Runs a command and returns its refusal (nil if it succeeded).
    mutating func refusal(_ login: String, _ command: Command) -> Refusal? {
        do {
            _ = try state.decideAndApply(command, context: context(login), random: &random).result.get()
            return nil
        } catch {
            return error
        }
    }

    /// Asks (as tess), approves (as olu) and returns the invitation id and code.
    mutating func sentInvitation(_ email: String, site: SiteID? = nil) -> (id: Int, code: String) {
        guard case .created(let id) = run("tess", .requestInvitation(site: site ?? trip, email: email, note: "parent")),
              case .approved(let notice) = run("olu", .approveInvitation(id: id, identityNote: "phoned the number on file"))
        else {
            Issue.record("could not send an invitation to \(email)")
            return (0, "")
        }
        return (id, notice.code)
    }

    /// Sends and redeems an invitation; the address becomes an external user.
    mutating func externalUser(_ email: String, site: SiteID? = nil) {
        let (_, code) = sentInvitation(email, site: site)
        run(email, .redeem(code: code, account: email))
    }

    mutating func advance(days: Double) { now = now.addingTimeInterval(days * 86_400) }
}
