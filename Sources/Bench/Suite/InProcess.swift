import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateStore
import SchoolGateTUI
import SchoolGateTesting

/// The figures measured inside this process, on a store folder.
public enum InProcess {
    /// Opening the store (snapshot and journal), in-process: `runs` times. Each open waits
    /// for the check of the journal before the snapshot (`.whileOpening`), so the figure is
    /// the whole work of opening, as its growth with the store's size should be.
    public static func open(_ folder: URL, runs: Int) throws -> Timings {
        var t = Timings()
        for _ in 0...runs {
            let (_, ms) = try Clock.time {
                try SchoolStore.open(folder, login: "admin", osUser: "bench", journalCheck: .whileOpening)
            }
            t.values.append(ms)
        }
        t.values.removeFirst()  // the first run warms the page cache
        return t
    }

    /// How long rebuilding every calendar's derived event index (`Site.eventCountByUID`,
    /// built when a site's events are set, as opening does) takes on `folder`'s school,
    /// and over how many events: the index's share of the open.
    public static func eventIndex(_ folder: URL, runs: Int) throws -> (timings: Timings, events: Int) {
        let school = try SchoolStore.open(folder, login: "admin", osUser: "bench", journalCheck: .whileOpening)
        var sites = Array(school.state.sites.values)
        var t = Timings()
        for _ in 0...runs {
            let (_, ms) = Clock.time {
                for i in sites.indices {
                    let events = sites[i].events
                    sites[i].events = events
                }
            }
            t.values.append(ms)
        }
        t.values.removeFirst()
        return (t, sites.reduce(0) { $0 + $1.events.count })
    }

    /// Approves up to `count` requested invitations one by one (each one durable commit
    /// with its e-mail in the outbox), acting as the office login; the store is changed.
    /// The first approval after opening is timed apart (`first`): it also warms what the
    /// program had not used yet (the encoder, the e-mail's rendering, pages of the state).
    public static func commits(_ folder: URL, count: Int) throws -> (first: Double, rest: Timings) {
        // Waits for the journal check at open, so that the first commit's time is a commit's.
        let school = try SchoolStore.open(folder, login: "office", osUser: "bench", journalCheck: .whileOpening)
        let now = Date()
        let pending = school.state.invitations.values
            .filter { $0.state(at: now) == .requested && $0.requester != "office" }
            .map(\.id).sorted().prefix(count + 1)
        guard pending.count > 1 else { throw BenchError("the store has too few invitations waiting for approval") }
        var t = Timings()
        for id in pending {
            let (_, ms) = try Clock.time {
                try school.run(.approveInvitation(id: id, identityNote: "phoned the number on file"))
            }
            t.values.append(ms)
        }
        let first = t.values.removeFirst()
        return (first, t)
    }

    /// Key presses on every screen of the UI over the real store, each timed from the key
    /// to the finished frame (handled, drawn by curses on a headless terminal).
    /// Returns the timings of every key, and per screen.
    ///
    /// The audit log is read in the background when the Audit tab first shows: before its
    /// keys are timed, the suite waits for it and reports that wait as `auditLogMilliseconds`.
    public static func keys(_ folder: URL, rounds: Int)
        throws -> (all: Timings, byScreen: [(String, Timings)], auditLogMilliseconds: Double)
    {
        TerminalLocale.pinForTests()
        let school = try SchoolStore.open(folder, login: "admin", osUser: "bench")
        let session = StoreBackedSession(school)
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], timeZone: school.zone)
        let settings = try TUISettings.load(options)
        let driver = try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options),
                                        rows: 50, cols: 160)
        defer { driver.close() }
        let scripts: [(String, String)] = [
            ("Sites", "1" + String(repeating: "j", count: 10) + "<PgDn><PgDn>G" + String(repeating: "k", count: 5) + "g/trip<Enter>nn"),
            ("Site (opened)", "1g<Enter>" + String(repeating: "j", count: 5) + "<Tab>jk<Esc>"),
            ("Invitations", "2" + String(repeating: "j", count: 10) + "<PgDn><PgDn>G" + String(repeating: "k", count: 5) + "g/parent<Enter>n"),
            ("People", "3" + String(repeating: "j", count: 10) + "<PgDn><PgDn>G" + String(repeating: "k", count: 5) + "g/parent<Enter>n"),
            ("Admin", "4" + String(repeating: "j", count: 10) + "<PgDn>G" + String(repeating: "k", count: 5) + "g"),
            ("Audit", "5" + String(repeating: "j", count: 10) + "<PgDn><PgDn>G" + String(repeating: "k", count: 5) + "g/approve<Enter>n"),
        ]
        var all = Timings()
        var byScreen: [(String, Timings)] = []
        var auditLog = 0.0
        for (name, script) in scripts {
            if name == "Audit" {
                auditLog = Clock.time {
                    driver.press(.character("5"))
                    session.waitForAuditLog()
                    driver.idle()
                }.1
            }
            var t = Timings()
            let keys = try KeyScript.parse(script)
            for _ in 0..<rounds {
                for key in keys {
                    let (_, ms) = Clock.time { driver.press(key) }
                    t.values.append(ms)
                    if ms > 5, ProcessInfo.processInfo.environment["SCHOOLGATE_BENCH_SLOW_KEYS"] != nil {
                        FileHandle.standardError.write(Data(String(format: "slow key: %@ %@ %.1f ms\n", name, "\(key)", ms).utf8))
                    }
                }
            }
            all.values += t.values
            byScreen.append((name, t))
        }
        return (all, byScreen, auditLog)
    }
}
