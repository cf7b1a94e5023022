import ArgumentParser
import Foundation
import SchoolGate

// The end of the school year: archiving and deleting sites and collections, changing a
// collection's admins, staff who leave, and `schoolgate year-end`.

extension CollectionCommand {
    struct Admins: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace a collection's admins (admins only).",
            discussion: "Example: schoolgate collection admins year-9 --admin tess --admin olu")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The collection.") var slug: String
        @Option(help: ArgumentHelp("A collection admin (repeatable; at least one).", valueName: "LOGIN")) var admin: [String] = []

        func run() throws {
            try Session.open(global).run(.setCollectionAdmins(slug: slug, admins: admin))
        }
    }

    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Archive a collection and all its sites (admins and the collection's admins).",
            discussion: """
                Archived sites stay for staff and the audit, read-only; people outside the school lose \
                access to them at once and their waiting invitations are withdrawn.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The collection.") var slug: String

        func run() throws {
            try Session.open(global).run(.archiveCollection(slug: slug))
        }
    }
}

extension SiteCommand {
    struct Archive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Archive a site (admins and the collection's admins).",
            discussion: """
                The site stays for staff and the audit, read-only; people outside the school lose access \
                to it at once and its waiting invitations are withdrawn.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The site (COLLECTION/SLUG).") var site: String

        func run() throws {
            try Session.open(global).run(.archiveSite(try siteID(site)))
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a site that never had access from outside the school (admins and the collection's admins).",
            discussion: "A site that had a grant or a sent invitation cannot be deleted: archive it instead.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The site (COLLECTION/SLUG).") var site: String

        func run() throws {
            try Session.open(global).run(.deleteSite(try siteID(site)))
        }
    }
}

extension StaffCommand {
    struct Leave: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that a member of staff left the school (admins only).",
            discussion: """
                Their sites need new owners and their collections other admins first (schoolgate lists them). \
                Then their roles end and their login can no longer use schoolgate; their history stays in the audit log.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "Their login.") var login: String

        func run() throws {
            try Session.open(global).run(.staffLeaves(login: login))
        }
    }
}

/// `schoolgate year-end`: lists the ended trips and last year's collections, and archives
/// them in one step when confirmed.
struct YearEndCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "year-end",
        abstract: "Archive the ended trips and last year's collections in one step (admins only).",
        discussion: """
            Lists the trips whose access has ended (their last day plus trip-grace-days is over) and the \
            collections whose every site is archived or such a trip. --dry-run only lists them; without \
            --yes schoolgate lists them and exits 1; with --yes it archives them all in one change.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Only list what would be archived.") var dryRun = false
    @Flag(help: "Archive what is listed.") var yes = false

    func run() throws {
        let session = try Session.open(global)
        let state = session.state
        if let refusal = state.permission(.archiveYearEnd, by: session.login, at: session.clock()) {
            throw Failure.refused(refusal)
        }
        let plan = state.yearEndPlan(at: session.clock())
        guard !plan.isEmpty else { return say("Nothing to archive.") }
        for line in plan.lines(in: state) { say(line) }
        if dryRun { return say("Dry run: nothing was archived.") }
        guard yes else {
            throw Failure(code: 1, message: "Nothing was archived yet. Run again with --yes to archive what is listed.")
        }
        try session.run(.archiveYearEnd)
        say(plan.doneText)
    }
}
