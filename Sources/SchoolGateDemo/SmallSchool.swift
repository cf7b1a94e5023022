import Foundation
import SchoolGate

/// The `small` demo: Oakfield Community School, a believable UK secondary school.
///
/// Staff logins `admin`, `office` and `teacher` hold one role each, so anyone can walk
/// each journey with `--as`. The PAL capacity is 40 with 34 in use (85 %).
extension DemoBuilder {
    static let smallCapacity = 40

    mutating func buildSmallSchool() {
        now = end.addingTimeInterval(-30 * 86_400)
        let day0 = LocalDate(now, in: TimeZone(identifier: "Europe/London")!)

        run("admin", .createSchool(name: "Oakfield Community School", adminLogin: "admin",
                                   adminName: "Margaret Whitfield", timeZone: "Europe/London",
                                   mailFrom: "office@oakfield.example", demo: true))
        wait(minutes: 5)
        let staff: [(String, String, Set<StaffRole>)] = [
            ("office", "Siobhán O'Neill", [.office]),
            ("teacher", "Zoë Ashworth", [.teacher]),
            ("lnowak", "Łukasz Nowak", [.teacher]),
            ("wfang", "王芳 (Wang Fang)", [.teacher]),
            ("dhughes", "David Hughes", [.teacher]),
            ("aokafor", "Amara Okafor", [.office]),
            ("jbloggs", "Jo Bloggs 🎭", [.teacher]),
            ("head", "Dr Rhiannon Price", [.admin, .teacher]),
        ]
        for (login, name, roles) in staff {
            run("admin", .addStaff(login: login, name: name, roles: roles))
            wait(minutes: 2)
        }
        run("admin", .setTenantPolicy(.palCapacity(Self.smallCapacity)))
        run("admin", .setTenantDomains(mode: .block, domains: ["throwaway-mail.example"]))

        let collections: [(String, String, [String])] = [
            ("whole-school", "Whole school", ["office"]),
            ("year-7", "Year 7", ["dhughes"]),
            ("year-9", "Year 9", ["dhughes", "teacher"]),
            ("year-11", "Year 11", ["wfang"]),
            ("sport", "Sport & fixtures", ["lnowak"]),
            ("pta", "PTA — Friends of Oakfield", ["jbloggs"]),
        ]
        for (slug, title, admins) in collections {
            run("admin", .addCollection(slug: slug, title: title, admins: admins))
            wait(minutes: 3)
        }
        run("admin", .setTenantSharing(.new, confirmed: true))
        for (slug, level) in [("whole-school", SharingLevel.new), ("year-7", .new), ("year-9", .new),
                              ("year-11", .existing), ("sport", .new)] {
            run("admin", .setCollectionSharing(slug: slug, level: level, confirmed: true))
        }
        // pta stays off: its sites show the "currently disabled" refusal.

        let calendar = SiteID(collection: "whole-school", slug: "calendar")
        let contacts = SiteID(collection: "whole-school", slug: "staff-contacts")
        let news = SiteID(collection: "whole-school", slug: "news")
        let paris = SiteID(collection: "year-9", slug: "paris")
        let welcome = SiteID(collection: "year-7", slug: "welcome")
        let malham = SiteID(collection: "year-11", slug: "malham")
        let fixtures = SiteID(collection: "sport", slug: "fixtures")
        let ski = SiteID(collection: "sport", slug: "ski-austria")
        let fair = SiteID(collection: "pta", slug: "summer-fair")

        let parisStart = today.adding(days: 38), parisEnd = today.adding(days: 42)
        let skiStart = today.adding(days: 75), skiEnd = today.adding(days: 81)
        let malhamStart = day0.adding(days: 9), malhamEnd = day0.adding(days: 11)
        let sites: [(String, SiteID, SiteKind, String, [String], TripDetails?)] = [
            ("office", calendar, .calendar, "School calendar", ["office", "head"], nil),
            ("office", contacts, .contacts, "Staff contact list", ["office"], nil),
            ("office", news, .team, "News and letters home", ["office", "head"], nil),
            ("dhughes", paris, .trip, "Year 9 Paris trip", ["teacher"],
             TripDetails(destination: "Paris, France", start: parisStart, end: parisEnd)),
            ("dhughes", welcome, .team, "Welcome to Year 7", ["dhughes"], nil),
            ("wfang", malham, .trip, "Year 11 geography field trip", ["wfang"],
             TripDetails(destination: "Malham Cove, Yorkshire Dales", start: malhamStart, end: malhamEnd)),
            ("lnowak", fixtures, .calendar, "Fixtures and results", ["lnowak"], nil),
            ("lnowak", ski, .trip, "Ski trip to Austria", ["lnowak", "teacher"],
             TripDetails(destination: "Mayrhofen, Austria", start: skiStart, end: skiEnd)),
            ("jbloggs", fair, .team, "Summer fair", ["jbloggs"], nil),
        ]
        for (by, id, kind, title, owners, trip) in sites {
            run(by, .addSite(collection: id.collection, slug: id.slug, kind: kind, title: title, owners: owners, trip: trip))
            wait(minutes: 4)
        }

        addCalendar(calendar, fixtures)
        addStaffContacts(contacts)
        addTrips(paris: paris, malham: malham, ski: ski, parisStart: parisStart, malhamStart: malhamStart, skiStart: skiStart)
        run("head", .saveContent(site: news, .announcement(Announcement(
            id: 0, title: "Welcome back!", body: "A warm welcome to all our families.\nTerm starts on Wednesday.",
            author: "", posted: now))))
        run("jbloggs", .saveContent(site: fair, .announcement(Announcement(
            id: 0, title: "Volunteers wanted 🎪", body: "We need help on the cake stall and the tombola.",
            author: "", posted: now))))
        addExternalContacts()
        addParents(calendar: calendar, paris: paris, welcome: welcome, malham: malham, fixtures: fixtures, ski: ski)
    }

    private mutating func addCalendar(_ calendar: SiteID, _ fixtures: SiteID) {
        let t = today
        let allDay: [(String, Int, Int, Audience, String)] = [
            ("Autumn half-term", -20, -16, .public, ""),
            ("INSET day (school closed to pupils)", -2, -2, .staff, ""),
            ("Christmas holidays", 25, 38, .public, ""),
            ("Year 11 mock exams", 8, 19, .parents, "Sports hall"),
        ]
        for (title, a, b, audience, place) in allDay {
            event("office", calendar, title, .allDay(first: t.adding(days: a), last: t.adding(days: b)),
                  place: place, audience: audience)
        }
        let timed: [(String, Int, Int, Int, Audience, String)] = [
            ("Open evening for prospective families", -10, 18, 2, .public, "Main hall"),
            ("Year 9 parents' evening", 3, 16, 3, .parents, "Main hall"),
            ("Year 7 parents' evening", 10, 16, 3, .parents, "Library"),
            ("Staff briefing", 1, 8, 1, .staff, "Staff room"),
            ("Safeguarding training", 4, 15, 2, .staff, "Room B12"),
            ("Winter concert", 17, 19, 2, .public, "Main hall"),
            ("PTA meeting", 6, 19, 1, .parents, "Library"),
            ("Governors' meeting", 12, 18, 2, .staff, "Meeting room 1"),
        ]
        for (title, d, h, len, audience, place) in timed {
            let s = instant(t.adding(days: d), h)
            event("office", calendar, title, .timed(start: s, end: s.addingTimeInterval(Double(len) * 3600)),
                  place: place, audience: audience)
        }
        addClub(calendar)
        let matches: [(String, Int, Audience)] = [
            ("U13 football v St Mary's (home)", -6, .public), ("U15 netball v Hillcrest (away)", -3, .public),
            ("U13 football v Greenway (away)", 4, .public), ("Cross-country trials", 7, .parents),
            ("U16 rugby v Kingsbridge (home)", 11, .public), ("Team selection meeting", 2, .staff),
        ]
        for (title, d, audience) in matches {
            let s = instant(t.adding(days: d), 15, 30)
            event("lnowak", fixtures, title, .timed(start: s, end: s.addingTimeInterval(5400)),
                  place: "Playing fields", audience: audience)
        }
        wait(minutes: 30)
    }

    /// A weekly after-school club: it does not meet at half-term or over Christmas (the
    /// holidays above), and one meeting moves a day.
    private mutating func addClub(_ calendar: SiteID) {
        let first = today.adding(days: -26), zone = self.zone
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        func at(_ day: LocalDate) -> Date { WallClock.instant(day: day, seconds: 15 * 3600 + 1800, in: zone) }
        let span = EventSpan.timed(start: at(first), end: at(first).addingTimeInterval(3600))
        guard let rule = try? RecurrenceRule(phrase: "weekly on \(days[first.isoWeekday - 1])", start: span, zone: zone),
              let id = event("office", calendar, "Chess club", span, place: "Room 12", details: "All years welcome.",
                             audience: .public, repeats: Recurrence(rule: rule, zone: zone.identifier)),
              var club = state.sites[calendar]?.event(id: id)
        else { return }
        let holidays = [today.adding(days: -20)...today.adding(days: -16), today.adding(days: 25)...today.adding(days: 38)]
        for week in 0..<10 where holidays.contains(where: { $0.contains(first.adding(days: 7 * week)) }) {
            if let skipped = try? club.skipping(.instant(at(first.adding(days: 7 * week))), in: zone) { club = skipped }
        }
        let moved = at(first.adding(days: 36))
        if let changed = try? club.moving(.instant(at(first.adding(days: 35))), to: .timed(start: moved, end: moved.addingTimeInterval(3600)),
                                          place: "Library", in: zone) {
            club = changed
        }
        save("office", calendar, .event(club))
    }

    private mutating func addStaffContacts(_ site: SiteID) {
        let entries: [(String, String, String, String, String)] = [
            ("Margaret Whitfield", "Business manager", "m.whitfield@oakfield.example", "01632 960001", "Office"),
            ("Siobhán O'Neill", "Office manager", "s.oneill@oakfield.example", "01632 960002", "Reception"),
            ("Zoë Ashworth", "Form tutor 9B, French", "z.ashworth@oakfield.example", "01632 960014", "B12"),
            ("Łukasz Nowak", "Head of PE", "l.nowak@oakfield.example", "01632 960021", "Sports hall"),
            ("王芳 (Wang Fang)", "Head of Geography, Mandarin", "f.wang@oakfield.example", "01632 960017", "C4"),
            ("David Hughes", "Head of Year 9", "d.hughes@oakfield.example", "01632 960011", "B3"),
            ("Amara Okafor", "Attendance officer", "a.okafor@oakfield.example", "01632 960003", "Reception"),
            ("Jo Bloggs 🎭", "Drama, PTA liaison", "j.bloggs@oakfield.example", "01632 960025", "Studio"),
            ("Dr Rhiannon Price", "Headteacher", "head@oakfield.example", "01632 960000", "Head's office"),
            ("Kwame Mensah", "Form tutor 7A", "k.mensah@oakfield.example", "01632 960031", "A7"),
            ("Chloé Dubois", "Language assistant", "c.dubois@oakfield.example", "", "B14"),
        ]
        for (name, role, email, phone, room) in entries {
            save("office", site, .contact(ContactEntry(id: 0, name: name, role: role, email: email, phone: phone, room: room)))
        }
        wait(minutes: 15)
    }

    private mutating func addTrips(paris: SiteID, malham: SiteID, ski: SiteID,
                                   parisStart: LocalDate, malhamStart: LocalDate, skiStart: LocalDate) {
        let itinerary: [(Int, String, String, String)] = [
            (0, "06:00", "Coach leaves school", "Front car park"),
            (0, "11:30", "Eurotunnel crossing", "Folkestone"),
            (0, "19:00", "Check in and dinner", "Hôtel Le Marais"),
            (1, "09:30", "Eiffel Tower", "Champ de Mars"),
            (1, "14:00", "Boat trip on the Seine", "Port de la Bourdonnais"),
            (2, "10:00", "Musée d'Orsay", "Rue de la Légion d'Honneur"),
            (2, "", "Free afternoon in Montmartre (in groups)", "Montmartre"),
            (3, "09:00", "Château de Versailles", "Versailles"),
            (4, "08:00", "Coach home", ""),
            (4, "20:30", "Arrive back at school", "Front car park"),
        ]
        for (d, time, activity, place) in itinerary {
            save("teacher", paris, .itinerary(ItineraryEntry(id: 0, date: parisStart.adding(days: d), time: time,
                                                              activity: activity, place: place)))
        }
        for (name, role, phone) in [("Zoë Ashworth", "Trip leader", "07700 900123"),
                                    ("Chloé Dubois", "French-speaking assistant", "07700 900456"),
                                    ("Oakfield office", "School office (office hours)", "01632 960002")] {
            save("teacher", paris, .tripContact(TripContact(id: 0, name: name, role: role, phone: phone)))
        }
        run("teacher", .saveContent(site: paris, .blogPost(BlogPost(
            id: 0, title: "Passports and EHIC cards", body: "Please hand in a copy of your child's passport by Friday.\nMerci !",
            author: "", posted: now))))
        photo("teacher", paris, "Last year's group at the Eiffel Tower 🇫🇷")

        for (d, time, activity, place) in [(0, "08:30", "Coach to Malham", "Bus bay"),
                                           (0, "11:00", "Limestone pavement fieldwork", "Malham Cove"),
                                           (1, "09:00", "River study", "Gordale Beck"),
                                           (2, "15:30", "Return to school", "Bus bay")] {
            save("wfang", malham, .itinerary(ItineraryEntry(id: 0, date: malhamStart.adding(days: d), time: time,
                                                             activity: activity, place: place)))
        }
        save("wfang", malham, .tripContact(TripContact(id: 0, name: "王芳 (Wang Fang)", role: "Trip leader", phone: "07700 900789")))
        at(malhamStart.adding(days: 1).startInstant(in: zone).addingTimeInterval(20 * 3600))
        run("wfang", .saveContent(site: malham, .blogPost(BlogPost(
            id: 0, title: "Day 2: soaked but smiling ☔", body: "Everyone measured the river flow today. Back tomorrow at 15:30.",
            author: "", posted: now))))
        photo("wfang", malham, "Fieldwork on the limestone pavement")
        photo("wfang", malham, "Group photo at Gordale Scar")

        for (d, time, activity, place) in [(0, "05:00", "Coach to Manchester airport", "Front car park"),
                                           (1, "09:00", "First ski lesson", "Penken"),
                                           (5, "18:00", "Awards evening", "Hotel")] {
            save("lnowak", ski, .itinerary(ItineraryEntry(id: 0, date: skiStart.adding(days: d), time: time,
                                                          activity: activity, place: place)))
        }
        save("lnowak", ski, .tripContact(TripContact(id: 0, name: "Łukasz Nowak", role: "Trip leader", phone: "07700 900321")))
        run("lnowak", .saveContent(site: ski, .blogPost(BlogPost(
            id: 0, title: "Kit list ⛷️", body: "Salopettes, gloves, goggles, a warm hat and sun cream.",
            author: "", posted: now))))
        wait(minutes: 60)
    }

    private mutating func addExternalContacts() {
        for (name, email, phone, org, note) in [
            ("Ffion Evans", "bookings@valleycoaches.example", "01632 961000", "Valley Coaches", "Trip transport"),
            ("Père Laurent", "", "+33 1 23 45 67 89", "Hôtel Le Marais", "Paris trip hotel"),
            ("Nomvula Dlamini", "n.dlamini@county-sport.example", "", "County Schools Sport", "Fixtures secretary"),
        ] {
            run("office", .saveExternalContact(id: 0, name: name, email: email, phone: phone, organisation: org, note: note))
        }
    }

    /// 34 parents in use out of 40 licences, plus invitations in every state.
    private mutating func addParents(calendar: SiteID, paris: SiteID, welcome: SiteID, malham: SiteID,
                                     fixtures: SiteID, ski: SiteID) {
        let first = ["Amira", "Oliver", "Zoë", "Siobhán", "Łukasz", "Mei", "Noah", "Aisha", "Freya", "Kai",
                     "Ibrahim", "Chloé", "Tomasz", "Sofia", "Dylan", "Nia", "Arjun", "Grace", "Yusuf", "Élodie",
                     "Callum", "Hana", "Rhys", "Leila", "Oisín", "Maya", "Jakub", "Ava", "Kofi", "Isla",
                     "Finn", "Zara", "Haruto", "Evie"]
        let surnames = ["Khan", "Smith", "Taylor", "Murphy", "Kowalski", "Chen", "Jones", "Begum", "Wilson", "Patel",
                        "Ahmed", "Martin", "Nowak", "Rossi", "Davies", "Williams", "Sharma", "Brown", "Ali", "Bernard",
                        "MacLeod", "Suzuki", "Evans", "Hussain", "Byrne", "Green", "Novák", "Walker", "Mensah", "Campbell",
                        "O'Brien", "Malik", "Sato", "Hughes"]
        let forms = ["7A", "7B", "9B", "9C", "11D"]
        // Year 11 (level "existing") only takes people who are already external users.
        let sites = [paris, welcome, calendar, fixtures, ski]
        // One that expired: asked for more than 14 days before the demo ends, never approved.
        _ = request("teacher", paris, "g.walsh@home.example", "parent of Ciara Walsh, 9C")
        wait(minutes: 30)
        for i in 0..<34 {
            let child = first[i], surname = surnames[i]
            let email = "parent.\(Self.ascii(surname)).\(i + 1)@home.example"
            let site = sites[i % sites.count]
            let teacher = site == paris ? "teacher" : site == welcome ? "dhughes" : site == calendar ? "office"
                : "lnowak"
            let approver = teacher == "office" ? "aokafor" : (i % 2 == 0 ? "office" : "aokafor")
            join(teacher, approver, site, email, "parent of \(child) \(surname), \(forms[i % forms.count])")
            if i == 6 || i == 11 {
                run("wfang", .grantAccess(site: malham, email: email))
            }
        }
        let sibling = "parent.khan.1@home.example"
        run("teacher", .grantAccess(site: ski, email: sibling))
        run("wfang", .grantAccess(site: malham, email: "parent.kowalski.5@home.example"))

        // One rejected, one withdrawn.
        at(end.addingTimeInterval(-6 * 86_400))
        if let id = request("dhughes", welcome, "unknown.person@mail.example", "says she is an aunt of Leo, 7B") {
            wait(minutes: 60)
            run("office", .rejectInvitation(id: id, reason: "Not on the contact list for Leo; asked the family to call us"))
        }
        if let id = request("teacher", paris, "m.jones.old@mail.example", "parent of Ella Jones, 9B") {
            wait(minutes: 30)
            run("teacher", .withdrawInvitation(id: id))
        }
        // The forwarded invitation: sent to one parent, tried by another account.
        at(end.addingTimeInterval(-3 * 86_400))
        if let id = request("teacher", paris, "s.obrien@home.example", "parent of Saoirse O'Brien, 9B"),
           let code = approve("office", id, "checked against the admissions form in person") {
            wait(minutes: 300)
            attempt("grandad.obrien@mail.example", .redeem(code: code, account: "grandad.obrien@mail.example"))
        }
        // Sent and waiting to be accepted (their licences are reserved).
        at(end.addingTimeInterval(-2 * 86_400))
        if let id = request("lnowak", ski, "r.adeyemi@home.example", "parent of Tobi Adeyemi, 9C") {
            wait(minutes: 40)
            _ = approve("aokafor", id, "phoned the number on file, spoke to Mrs Adeyemi")
        }
        // Waiting for the office to approve.
        at(end.addingTimeInterval(-1 * 86_400))
        for (teacher, site, email, note) in [
            ("teacher", paris, "h.nguyen@home.example", "parent of Linh Nguyen, 9B"),
            ("dhughes", welcome, "d.fitzgerald@home.example", "parent of Aoife Fitzgerald, 7A"),
            ("lnowak", fixtures, "coach.hill@mail.example", "volunteer football coach (DBS checked)"),
        ] {
            _ = request(teacher, site, email, note)
            wait(minutes: 25)
        }
        at(end)
    }

    /// Lower-case ASCII letters only, for building demo e-mail addresses.
    static func ascii(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        return String(folded.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init))
    }
}
