import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

/// `schoolgate`: external sharing for a school, from the command line.
struct SchoolGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schoolgate",
        abstract: "Share school sites safely with parents and other people outside the school.",
        discussion: """
            Without a subcommand, schoolgate opens the terminal UI on the store.
            The subcommands make every rule scriptable. Exit codes: 0 done; 1 refused by a rule \
            (one line on stderr says why); 2 usage error; 3 store problem (nothing half-written).
            """,
        subcommands: [
            DemoCommand.self, InitCommand.self, StaffCommand.self, TenantCommand.self,
            CollectionCommand.self, SiteCommand.self, EventCommand.self, ContentCommand.self,
            InviteCommand.self, ApproveCommand.self, RejectCommand.self, WithdrawCommand.self, RedeemCommand.self,
            InvitationsCommand.self, GrantCommand.self, RevokeCommand.self, ExtendCommand.self, ExternalCommand.self,
            ContactCommand.self,
            PalCommand.self, AgendaCommand.self, ReportCommand.self, AuditCommand.self, CheckCommand.self,
            ExportCommand.self, ImportCommand.self, OutboxCommand.self, ServeCommand.self, YearEndCommand.self,
        ])

    @OptionGroup var global: GlobalOptions
    @OptionGroup(title: "Terminal UI") var ui: TUIFlags

    func run() throws {
        let folder = global.storeFolder
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw Failure(code: 3, message: """
                There is no schoolgate store at \(folder.path). Try the demo school with \
                schoolgate demo, or create your school with schoolgate init (see schoolgate init --help).
                """)
        }
        try TerminalUI.open(try Session.open(global), flags: ui)
    }
}

@main
enum Main {
    static func main() {
        let code = run(Array(CommandLine.arguments.dropFirst()))
        Console.flush()
        exit(code)
    }

    /// Parses and runs one command line (without the program name), writing to the
    /// ``Console``, and returns the exit code of the command-line contract: 0 done,
    /// 1 refused by a rule, 2 usage error, 3 store problem.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            var command = try SchoolGateCommand.parseAsRoot(arguments)
            let health = RunHealth()
            try RunHealth.$current.withValue(health) { try command.run() }
            return health.storeWasDamaged ? 3 : 0
        } catch let failure as Failure {
            // Messages may quote what was typed: never let it drive or flood the terminal.
            warn(MessageText.forTerminal(failure.message))
            return failure.code
        } catch let failure as SessionFailure {
            let f = Failure(failure)
            warn(MessageText.forTerminal(f.message))
            return f.code
        } catch {
            let code = SchoolGateCommand.exitCode(for: error)
            if code == .success {
                say(SchoolGateCommand.fullMessage(for: error))
                return 0
            }
            // Argument errors quote the bad value (an escape sequence, a text-direction
            // override): show it neutralised, keeping the usage text's line breaks.
            warn(MessageText.forTerminal(SchoolGateCommand.fullMessage(for: error), keepNewlines: true))
            return 2
        }
    }
}

extension SharingLevel: ExpressibleByArgument {}
extension StaffRole: ExpressibleByArgument {}
extension SiteKind: ExpressibleByArgument {}
extension Audience: ExpressibleByArgument {}
extension InvitationState: ExpressibleByArgument {}
extension DomainList.Mode: ExpressibleByArgument {}
extension ContentKind: ExpressibleByArgument {}

/// Parses `COLLECTION/SLUG`.
func siteID(_ text: String) throws(Failure) -> SiteID {
    guard let id = SiteID(text) else {
        throw Failure.usage("\"\(safe(text))\" is not a site. Sites are written COLLECTION/SLUG, for example year-9/paris.")
    }
    return id
}

/// Parses `YYYY-MM-DD`.
func localDate(_ text: String, _ what: String) throws(Failure) -> LocalDate {
    guard let d = LocalDate(text) else {
        throw Failure.usage("The \(what) \"\(safe(text))\" is not a date; write it as YYYY-MM-DD, for example 2027-03-14.")
    }
    return d
}
