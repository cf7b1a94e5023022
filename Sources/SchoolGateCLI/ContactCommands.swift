import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

/// `schoolgate contact`: the external contacts address book (entries only: they cannot
/// sign in and use no licence).
struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact",
        abstract: "External contacts: an address book of people outside the school (no sign-in, no licence).",
        subcommands: [List.self, Save.self, Remove.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the external contacts: id, name, e-mail, phone, organisation, note.",
            discussion: "Every member of staff may read the address book. Column headings are shown only on a terminal.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "JSON for scripts.") var json = false

        func run() throws {
            let contacts = try Session.open(global, use: .reading).state.externalContacts.values.sorted { $0.id < $1.id }
            if json {
                JSON.array(contacts.map { c in
                    .object(["id": .int(c.id), "name": .string(c.name), "email": .optional(c.email?.value),
                             "phone": .string(c.phone), "organisation": .string(c.organisation), "note": .string(c.note)])
                }).print()
                return
            }
            var table = Table(headers: ["ID", "NAME", "E-MAIL", "PHONE", "ORGANISATION", "NOTE"])
            table.rows = contacts.map { [String($0.id), $0.name, $0.email?.value ?? "-", $0.phone, $0.organisation, $0.note] }
            table.print()
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an external contact, or change one with --id (office staff and admins); prints a new contact's id.",
            discussion: "With --id, what you leave out stays as it was; give an empty value (--phone \"\") to clear it.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The contact to change (default: add a new one).") var id: Int?
        @Option(help: "Their name.") var name: String?
        @Option(help: "Their e-mail address.") var email: String?
        @Option(help: "Their phone number.") var phone: String?
        @Option(help: "Their organisation (e.g. the coach company).") var organisation: String?
        @Option(help: "A note for colleagues.") var note: String?

        func run() throws {
            let session = try Session.open(global)
            let old = id.flatMap { session.state.externalContacts[$0] }
            let command = Command.saveExternalContact(
                id: id ?? 0, name: name ?? old?.name ?? "", email: email ?? old?.email?.value ?? "",
                phone: phone ?? old?.phone ?? "", organisation: organisation ?? old?.organisation ?? "",
                note: note ?? old?.note ?? "")
            if case .created(let n) = try session.run(command) { say(String(n)) }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an external contact from the address book (office staff and admins).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's id (contact list shows it).") var id: Int

        func run() throws {
            try Session.open(global).run(.removeExternalContact(id: id))
        }
    }
}
