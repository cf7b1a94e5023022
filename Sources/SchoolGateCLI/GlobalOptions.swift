import ArgumentParser
import Foundation
import SchoolGateSession

/// The options every subcommand accepts.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The store folder that holds the school's data.",
        discussion: "Default: $SCHOOLGATE_STORE, else $XDG_DATA_HOME/schoolgate, else ~/.local/share/schoolgate.",
        valueName: "DIR"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Act as this staff login: on demo schools, and for root (recorded as root acting as LOGIN).",
        discussion: "Everyone else is the staff member of their own operating-system login (through sudo: the login that ran sudo).",
        valueName: "LOGIN"))
    var asLogin: String?

    /// An empty `--store ""` names no folder: refused (exit 2) rather than quietly
    /// falling back to the default store.
    func validate() throws {
        if let store, store.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--store needs the store folder; \"\(store)\" names none. "
                + "Leave --store out to use the default store.")
        }
    }

    /// The store folder, resolved from the option and the environment.
    var storeFolder: URL {
        let env = ProcessInfo.processInfo.environment
        if let store, !store.isEmpty { return URL(fileURLWithPath: store).standardizedFileURL }
        if let s = env["SCHOOLGATE_STORE"], !s.isEmpty { return URL(fileURLWithPath: s).standardizedFileURL }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty {
            return URL(fileURLWithPath: x).appendingPathComponent("schoolgate").standardizedFileURL
        }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/share/schoolgate").standardizedFileURL
    }
}
