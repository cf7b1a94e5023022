import ArgumentParser
import Foundation
import SchoolGate
import SchoolGateSession

struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site", abstract: "Manage sites.", subcommands: [Add.self, Trip.self, Owners.self, Archive.self, Delete.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a site to a collection (admins and the collection's admins).",
            discussion: "Trip sites need --start and --end (YYYY-MM-DD); their access ends after the trip.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The collection.") var collection: String
        @Argument(help: "Short name (e.g. paris-2027).") var slug: String
        @Option(help: "trip, calendar, contacts or team.") var kind: SiteKind
        @Option(help: "Its title.") var title: String
        @Option(help: ArgumentHelp("An owner (repeatable).", valueName: "LOGIN")) var owner: [String]
        @Option(help: ArgumentHelp("A trip's first day.", valueName: "DATE")) var start: String?
        @Option(help: ArgumentHelp("A trip's last day.", valueName: "DATE")) var end: String?
        @Option(help: "A trip's destination.") var destination: String?

        func run() throws {
            var trip: TripDetails?
            if start != nil || end != nil || destination != nil {
                guard let start, let end else { throw Failure.usage("Give both --start and --end for a trip.") }
                trip = TripDetails(destination: destination ?? "", start: try localDate(start, "start date"),
                                   end: try localDate(end, "end date"))
            }
            try Session.open(global).run(.addSite(collection: collection, slug: slug, kind: kind, title: title,
                                                  owners: owner, trip: trip))
        }
    }

    struct Trip: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a trip's dates and destination (the site's owners, the collection's admins, admins).",
            discussion: """
                Access to a trip site ends trip-grace-days after its last day, so moving the dates moves \
                when its external users' access ends. Without --destination the destination stays.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The trip site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
        @Option(help: ArgumentHelp("The trip's first day.", valueName: "DATE")) var start: String
        @Option(help: ArgumentHelp("The trip's last day.", valueName: "DATE")) var end: String
        @Option(help: "The trip's destination.") var destination: String?

        func run() throws {
            let id = try siteID(site)
            let first = try localDate(start, "start date"), last = try localDate(end, "end date")
            let session = try Session.open(global)
            let kept = session.state.sites[id]?.trip?.destination ?? ""
            try session.run(.setTrip(site: id, destination: destination ?? kept, start: first, end: last))
        }
    }

    struct Owners: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set who owns a site (the collection's admins and admins).",
            discussion: "The owners given replace the site's owners; give --owner once for each.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
        @Option(help: ArgumentHelp("An owner (repeatable).", valueName: "LOGIN")) var owner: [String]

        func run() throws {
            try Session.open(global).run(.setSiteOwners(site: try siteID(site), owners: owner))
        }
    }
}

struct ContentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content", abstract: "A site's content: itinerary, trip contacts, posts, photos, events, contacts.",
        subcommands: [Remove.self])

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove one item from a site (the site's owners, the collection's admins, admins).",
            discussion: """
                KIND is itinerary, trip-contact, blog-post, photo, event, contact or announcement; ID is \
                the item's number (event add prints an event's). The audit log keeps what was removed.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The site (COLLECTION/SLUG).", valueName: "SITE")) var site: String
        @Argument(help: "What kind of item.") var kind: ContentKind
        @Argument(help: "The item's id.") var id: Int

        func run() throws {
            try Session.open(global).run(.removeContent(site: try siteID(site), kind: kind, id: id))
        }
    }
}
