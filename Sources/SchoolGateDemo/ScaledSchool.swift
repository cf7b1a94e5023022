import Foundation
import SchoolGate

/// The counts of a stress-size demo school.
struct DemoScale {
    var staff: Int
    var collections: Int
    /// Sites per collection: 4 trips, 2 calendars, 1 contact list, 3 team sites.
    var sitesPerCollection = 10
    var events: Int
    var capacity: Int
    /// External users (each from one accepted invitation).
    var externalUsers: Int
    /// Invitations in all, including the accepted ones.
    var invitations: Int

    static let max = DemoScale(staff: 400, collections: 200, events: 50_000, capacity: 10_000,
                               externalUsers: 9_996, invitations: 30_000)
    static let large = DemoScale(staff: 40, collections: 20, events: 5_000, capacity: 1_000,
                                 externalUsers: 996, invitations: 3_000)

    /// Every count multiplied by `factor` (1 leaves the school as it is), keeping the
    /// proportions: a few licences stay free, and there are enough staff and collections
    /// for every role and sharing level.
    func scaled(by factor: Double) -> DemoScale {
        guard factor != 1 else { return self }
        func times(_ n: Int, atLeast floor: Int) -> Int { Swift.max(floor, Int((Double(n) * factor).rounded())) }
        let capacity = times(capacity, atLeast: 10)
        return DemoScale(staff: times(staff, atLeast: 24), collections: times(collections, atLeast: 10),
                         events: times(events, atLeast: 10), capacity: capacity, externalUsers: capacity - 4,
                         invitations: Swift.max(capacity, times(invitations, atLeast: 30)))
    }
}

/// What happens to one generated invitation.
enum DemoFate {
    case accepted, expiredRequested, expiredSent, rejected, withdrawn, requested, sent
}

extension DemoBuilder {
    mutating func int(_ n: Int) -> Int { Int.random(in: 0..<n, using: &pick) }

    /// `count` events on `calendars` (in turn), from a term ago to a term ahead, a few of
    /// them all-day; saved by each calendar's owner.
    mutating func addEvents(_ count: Int, on calendars: [SiteID], owner: (SiteID) -> String, tick: () -> Void = {}) {
        let audiences: [Audience] = [.public, .public, .parents, .parents, .staff]
        let today = self.today
        for n in 0..<count {
            let site = calendars[n % calendars.count]
            let day = today.adding(days: int(300) - 150)
            let title = DemoNames.eventTitles[int(DemoNames.eventTitles.count)] + (n % 29 == 0 ? " 🎉" : "")
            let span: EventSpan
            if n % 8 == 0 {
                span = .allDay(first: day, last: day.adding(days: int(3)))
            } else {
                let s = instant(day, 8 + int(11), int(4) * 15)
                span = .timed(start: s, end: s.addingTimeInterval(Double(30 + int(6) * 30) * 60))
            }
            event(owner(site), site, title, span, place: n % 3 == 0 ? "Main hall" : "", audience: audiences[n % 5])
            wait(minutes: 0.02)
            tick()
        }
    }

    mutating func buildScaledSchool(_ size: DemoSize, progress: ((Int, Int) -> Void)?) {
        let scale = (size == .max ? DemoScale.max : DemoScale.large).scaled(by: scaleFactor)
        let siteCount = scale.collections * scale.sitesPerCollection
        let total = scale.staff + scale.collections * 2 + siteCount + scale.events + scale.invitations * 2
        var done = 0
        func tick(_ n: Int = 1) {
            done += n
            if done % 2_000 < n { progress?(min(done, total), total) }
        }

        // Setup, 60 days before the end.
        now = end.addingTimeInterval(-60 * 86_400)
        run("admin", .createSchool(name: "Northgate Academy Trust", adminLogin: "admin", adminName: "Margaret Whitfield",
                                   timeZone: "Europe/London", mailFrom: "office@northgate.example", demo: true))
        run("admin", .setTenantPolicy(.palCapacity(scale.capacity)))
        var teachers: [String] = ["teacher"], office: [String] = ["office"]
        run("admin", .addStaff(login: "office", name: "Siobhán O'Neill", roles: [.office]))
        run("admin", .addStaff(login: "teacher", name: "Zoë Ashworth", roles: [.teacher]))
        for n in 3..<scale.staff {
            let isOffice = n % 20 == 0
            let login = (isOffice ? "office" : "t") + String(n)
            run("admin", .addStaff(login: login, name: DemoNames.person(n), roles: isOffice ? [.office] : [.teacher]))
            if isOffice { office.append(login) } else { teachers.append(login) }
            wait(minutes: 0.2)
            tick()
        }
        run("admin", .setTenantSharing(.new, confirmed: true))

        var shareable: [SiteID] = []
        var calendars: [SiteID] = []
        var ownerOf: [SiteID: String] = [:]
        let kinds: [SiteKind] = [.trip, .trip, .trip, .trip, .calendar, .calendar, .contacts, .team, .team, .team]
        let today = self.today
        for c in 0..<scale.collections {
            let slug = c == 0 ? "whole-school" : "group-\(c)"
            let admin = teachers[c % teachers.count]
            run("admin", .addCollection(slug: slug, title: c == 0 ? "Whole school" : "Group \(c) — \(DemoNames.topics[c % 10])",
                                        admins: [admin]))
            let level: SharingLevel = c % 10 == 3 ? .existing : c % 10 == 7 ? .off : .new
            if level != .off { run("admin", .setCollectionSharing(slug: slug, level: level, confirmed: true)) }
            tick(2)
            for s in 0..<scale.sitesPerCollection {
                let kind = kinds[s % kinds.count]
                let id = SiteID(collection: slug, slug: "\(kind.rawValue)-\(s + 1)")
                let owner = teachers[(c * scale.sitesPerCollection + s) % teachers.count]
                var trip: TripDetails?
                var title = "\(DemoNames.topics[(c + s) % 10]) \(kind.rawValue) \(s + 1)"
                if kind == .trip {
                    let place = DemoNames.places[(c * 4 + s) % DemoNames.places.count]
                    let start = today.adding(days: int(240) - 90)
                    trip = TripDetails(destination: place, start: start, end: start.adding(days: int(6)))
                    title = "Trip to \(place)"
                }
                run(admin, .addSite(collection: slug, slug: id.slug, kind: kind, title: title, owners: [owner], trip: trip))
                ownerOf[id] = owner
                if kind == .calendar { calendars.append(id) }
                if level == .new { shareable.append(id) }
                wait(minutes: 0.1)
                tick()
            }
        }

        // Events, from a term ago to a term ahead.
        now = end.addingTimeInterval(-58 * 86_400)
        addEvents(scale.events, on: calendars, owner: { ownerOf[$0]! }, tick: { tick() })

        // The invitations: their fates, shuffled so that the history interleaves.
        let ending = scale.invitations - scale.externalUsers
        var past: [DemoFate] = Array(repeating: .accepted, count: scale.externalUsers)
        past += Array(repeating: .expiredRequested, count: ending * 10 / 100)
        past += Array(repeating: .expiredSent, count: ending * 10 / 100)
        past += Array(repeating: .rejected, count: ending * 125 / 1000)
        past += Array(repeating: .withdrawn, count: ending * 125 / 1000)
        var recent: [DemoFate] = Array(repeating: .sent, count: ending * 20 / 100)
        recent += Array(repeating: .requested, count: scale.invitations - past.count - recent.count)
        past.shuffle(using: &pick)
        recent.shuffle(using: &pick)

        var users: [String] = []
        var serial = 0
        func invite(_ fate: DemoFate, _ step: Double, _ b: inout DemoBuilder) {
            serial += 1
            let site = shareable[b.int(shareable.count)]
            let owner = ownerOf[site]!
            let who = DemoNames.person(serial + 1000)
            let email = "\(Self.ascii(who).prefix(12)).\(serial)@\(DemoNames.domains[serial % DemoNames.domains.count])"
                .replacingOccurrences(of: "..", with: ".")
            let address = email.hasPrefix(".") ? "p" + email : email
            guard let id = b.request(owner, site, address, "parent of \(who)") else { return }
            b.wait(minutes: step)
            let approver = office[b.int(office.count)]
            switch fate {
            case .requested, .expiredRequested:
                return
            case .rejected:
                b.run(approver, .rejectInvitation(id: id, reason: "could not confirm who this is"))
            case .withdrawn:
                b.run(owner, .withdrawInvitation(id: id))
            case .sent, .expiredSent, .accepted:
                guard let code = b.approve(approver, id, "phoned the number on file") else { return }
                if fate == .accepted {
                    b.wait(minutes: step)
                    b.redeem(id, code, as: address)
                    users.append(address)
                } else if serial % 50 == 0 {
                    b.attempt("forwarded.\(serial)@mail.example", .redeem(code: code, account: "forwarded.\(serial)@mail.example"))
                }
            }
        }
        now = end.addingTimeInterval(-50 * 86_400)
        let pastStep = 34.0 * 24 * 60 / Double(past.count * 3)
        for fate in past {
            invite(fate, pastStep, &self)
            wait(minutes: pastStep)
            tick(2)
        }
        // A fifth of the external users also see a second site in the same collection.
        for (n, user) in users.enumerated() where n % 5 == 0 {
            guard let address = try? EmailAddress(user) else { continue }
            let seen = state.visibleSites(of: address, at: now)
            guard let first = seen.first,
                  let other = shareable.first(where: { $0.collection == first.collection && !seen.contains($0) }) else { continue }
            run(ownerOf[other]!, .grantAccess(site: other, email: user))
        }
        now = end.addingTimeInterval(-10 * 86_400)
        let recentStep = 10.0 * 24 * 60 / Double(recent.count * 3)
        for fate in recent {
            invite(fate, recentStep, &self)
            wait(minutes: recentStep)
            tick(2)
        }
        progress?(total, total)
    }
}
