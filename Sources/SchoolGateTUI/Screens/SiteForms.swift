import Foundation
import SchoolGate

/// The forms about a site or a collection itself, rather than its content: a trip's
/// destination and dates, a site's owners, a new site, a new collection, and adding a
/// photo from a file. Each checks the obvious at once and leaves the rules (and their
/// words) to the domain.
enum SiteForms {
    /// Logins typed with spaces or commas between them.
    static func logins(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
    }

    /// A validator for a list of staff logins: every one must be on the staff list.
    static func loginCheck(_ known: Set<String>, required: Bool) -> @Sendable (String) -> String? {
        { text in
            let typed = logins(text)
            if typed.isEmpty { return required ? "Enter at least one login (People tab › Staff lists them)." : nil }
            let unknown = typed.filter { !known.contains($0) }
            guard !unknown.isEmpty else { return nil }
            return "No member of staff has the login \(unknown.map { "\"\($0)\"" }.joined(separator: ", "))."
        }
    }

    /// A date field that may be left empty.
    static let optionalDateCheck: @Sendable (String) -> String? = { text in
        text.trimmingCharacters(in: .whitespaces).isEmpty ? nil : ContentForms.dateCheck(text)
    }

    static func date(_ v: [String: String], _ key: String) -> LocalDate? {
        LocalDate((v[key] ?? "").trimmingCharacters(in: .whitespaces))
    }

    // MARK: - A trip's destination and dates

    static func tripForm(_ trip: TripDetails, graceDays: Int) -> Form {
        Form(title: "Trip details", intro: [
            "People outside the school who can see this site keep access until "
                + "\(Show.count(graceDays, "day")) after the last day (unless extended).",
        ], fields: [
            FormField("destination", label: "Destination", value: trip.destination),
            FormField("start", label: "First day", value: trip.start.description, help: "YYYY-MM-DD",
                      validate: ContentForms.dateCheck),
            FormField("end", label: "Last day", value: trip.end.description, help: "YYYY-MM-DD, not before the first day",
                      validate: ContentForms.dateCheck),
        ])
    }

    /// Changes a trip's destination and dates (its owners, the collection's admins, admins).
    static func editTrip(_ site: Site, screen: SchoolScreen, shell: AppShell) {
        guard let trip = site.trip else {
            shell.status = .info("Only trip sites have a destination and dates.")
            return
        }
        let id = site.id
        let form = tripForm(trip, graceDays: screen.state.tenant?.tripGraceDays ?? 7)
        screen.present(form, shell: shell, command: { v in
            guard let start = date(v, "start") else { return .failure(FormProblem("Write the date as YYYY-MM-DD.", field: "start")) }
            guard let end = date(v, "end") else { return .failure(FormProblem("Write the date as YYYY-MM-DD.", field: "end")) }
            return .success(.setTrip(site: id, destination: v["destination"] ?? "", start: start, end: end))
        }, done: { _, shell in shell.status = .success("Trip details saved.") })
    }

    // MARK: - Owners

    /// Changes who owns a site (the collection's admins and admins). Giving someone
    /// ownership lets them invite people from outside, so it asks first.
    static func editOwners(_ site: Site, screen: SchoolScreen, shell: AppShell) {
        let known = Set(screen.state.staff.keys)
        let title = Show.text(site.title), id = site.id, before = Set(site.owners)
        let form = Form(title: "Owners of \(title)", intro: [
            "Owners change the site's content, ask for invitations and give external users access.",
        ], fields: [
            FormField("owners", label: "Owners", value: site.owners.joined(separator: " "), help: "staff logins, separated by spaces",
                      validate: loginCheck(known, required: true)),
        ])
        screen.present(form, shell: shell, command: { v in
            .success(.setSiteOwners(site: id, owners: logins(v["owners"] ?? "")))
        }, confirmation: { [state = screen.state] command in
            guard case .setSiteOwners(_, let owners) = command else { return nil }
            let added = Set(owners).subtracting(before)
            return added.isEmpty ? nil : ownershipQuestion(added, title: title, state: state)
        }, done: { _, shell in shell.status = .success("Owners of \(title) saved.") })
    }

    private static func ownershipQuestion(_ added: Set<String>, title: String, state: SchoolState) -> Confirmation {
        var lines = added.sorted().map { login in "  • " + (state.staff[login].map { "\(Show.text($0.name)) (\(login))" } ?? login) }
        lines.insert("\(added.count == 1 ? "This person" : "These people") will own \(title):", at: 0)
        lines.append("They will be able to change its content, ask for invitations for people outside the school "
            + "and give external users access to it.")
        return Confirmation(title: "Give ownership?", lines: lines, yes: "Give ownership")
    }

    // MARK: - New sites and collections

    /// Creates a site in `collection` (its admins and admins), then opens it.
    static func newSite(in collection: String, screen: SchoolScreen, shell: AppShell) {
        guard let c = screen.state.collections[collection] else { return }
        let known = Set(screen.state.staff.keys)
        let kinds = SiteKind.allCases.map(\.rawValue)
        let before = Set(screen.state.sites.keys)
        let form = Form(title: "New site in \(Show.text(c.title))", fields: [
            FormField("title", label: "Title", help: "e.g. Paris trip 9B", validate: FormField.required("Enter the site's title.")),
            FormField("slug", label: "Short name", help: "a-z, 0-9 and hyphens, e.g. berlin-2027",
                      validate: FormField.required("Enter a short name for the site's address.")),
            FormField("kind", label: "Kind", value: SiteKind.trip.rawValue, kind: .choice(kinds),
                      help: "trip, calendar (events), contacts (staff list), team"),
            FormField("owners", label: "Owners", value: screen.login, help: "staff logins, separated by spaces",
                      validate: loginCheck(known, required: true)),
            FormField("destination", label: "Destination", help: "trip sites only"),
            FormField("start", label: "First day", help: "trip sites only: YYYY-MM-DD", validate: optionalDateCheck),
            FormField("end", label: "Last day", help: "trip sites only: YYYY-MM-DD", validate: optionalDateCheck),
        ], submit: "Create site")
        screen.present(form, shell: shell, command: { v in
            let kind = SiteKind(rawValue: v["kind"] ?? "") ?? .team
            var trip: TripDetails?
            if kind == .trip {
                guard let start = date(v, "start") else {
                    return .failure(FormProblem("A trip site needs its first day (YYYY-MM-DD).", field: "start"))
                }
                guard let end = date(v, "end") else {
                    return .failure(FormProblem("A trip site needs its last day (YYYY-MM-DD).", field: "end"))
                }
                trip = TripDetails(destination: v["destination"] ?? "", start: start, end: end)
            }
            return .success(.addSite(collection: collection, slug: (v["slug"] ?? "").trimmingCharacters(in: .whitespaces),
                                     kind: kind, title: v["title"] ?? "", owners: logins(v["owners"] ?? ""), trip: trip))
        }, done: { [session = screen.session] _, shell in
            // The new site is the one in the collection that was not there before.
            let new = session.state.sites.keys.filter { $0.collection == collection && !before.contains($0) }
            shell.status = .success("Created the site" + (new.first.map { " \($0)" } ?? "") + ".")
            if new.count == 1, let id = new.first { shell.push(SiteScreen(session: session, site: id)) }
        })
    }

    /// Creates a site collection (admins). Its sharing level starts at off.
    static func newCollection(screen: SchoolScreen, shell: AppShell) {
        let known = Set(screen.state.staff.keys)
        let form = Form(title: "New site collection", intro: [
            "A collection groups sites (a year group, a department). Its sharing level starts at off; "
                + "its admins may create sites in it and set its level.",
        ], fields: [
            FormField("title", label: "Title", help: "e.g. Year 10", validate: FormField.required("Enter the collection's title.")),
            FormField("slug", label: "Short name", help: "a-z, 0-9 and hyphens, e.g. year-10",
                      validate: FormField.required("Enter a short name for the collection's address.")),
            FormField("admins", label: "Collection admins", value: screen.login, help: "staff logins, separated by spaces",
                      validate: loginCheck(known, required: false)),
        ], submit: "Create collection")
        screen.present(form, shell: shell, command: { v in
            .success(.addCollection(slug: (v["slug"] ?? "").trimmingCharacters(in: .whitespaces), title: v["title"] ?? "",
                                    admins: logins(v["admins"] ?? "")))
        }, done: { _, shell in shell.status = .success("Created the collection; its sharing level is off.") })
    }
}
