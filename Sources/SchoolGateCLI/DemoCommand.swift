import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession
import SchoolGateDemo
import SchoolGateStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create a realistic demo school in the store if it is empty, then open the terminal UI on it.",
        discussion: """
            small (default): Oakfield Community School, with staff logins admin, office and teacher \
            (one role each) so you can try every journey with --as. large and max are stress sizes \
            (max: 10,000 external users, 2,000 sites, 50,000 events, 30,000 invitations). A store \
            that already holds a school is left alone. Use --store to keep the demo apart from real data. \
            Acts as admin unless --as says otherwise; with --no-tui, prints the store path instead \
            of opening the terminal UI.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "small, large or max.") var size: DemoSize = .small
    @Flag(help: "Only build the demo; do not open the terminal UI.") var noTui = false
    @OptionGroup(title: "Terminal UI") var ui: TUIFlags

    func run() throws {
        let session = try Session.open(global, create: true, defaultLogin: "admin")
        if session.state.isEmpty && session.store.recordCount == 0 {
            try build(session)
        } else {
            warn("The store already holds a school; no demo was added.")
        }
        if !noTui && TerminalUI.isAvailable {
            try TerminalUI.open(session, flags: ui)
        } else if !noTui {
            warn("No terminal here, so the terminal UI was not opened (use --no-tui to say so in scripts).")
        }
        say(session.folder.path)
    }

    func build(_ session: Session) throws {
        let showProgress = Console.stderrIsTerminal && size != .small
        let demo = DemoSchool.build(DemoOptions(size: size, end: Date(), osUser: session.osUser)) { done, total in
            if showProgress { progress("Building the demo school", done, total) }
        }
        // Photos first (named by their contents), so that no record points to a missing file.
        for m in demo.media {
            do {
                let path = try session.store.storeMedia(m.data, extension: "gif")
                guard path == m.relativePath else {
                    throw Failure(code: 3, message: "The store named a demo photo \(path), not \(m.relativePath).")
                }
            } catch let e as StoreError { throw Failure.store(e) }
        }
        // One commit: a crash while saving leaves the store as it was (empty), never half a school.
        if showProgress { progress("Saving it in the store", 0, 1) }
        // The e-mails of the invitations approved and still waiting, in the outbox as an
        // approval leaves them (shown on the portal's demo mailbox page).
        let mails = demo.openCodes.sorted { $0.key < $1.key }.compactMap { id, code in
            demo.state.invitationNotice(id: id, code: code).map { InvitationMail.stagedFile($0, date: demo.end) }
        }
        try session.append(demo.records, files: mails, onlyIfEmpty: true)
        if showProgress { progress("Saving it in the store", 1, 1) }
        if showProgress { Console.err(Data("\n".utf8)) }
    }

    func progress(_ what: String, _ done: Int, _ total: Int) {
        let pct = total == 0 ? 100 : done * 100 / total
        Console.err(Data("\r\(what): \(pct) %   ".utf8))
    }
}

extension DemoSize: ExpressibleByArgument {}
