import Foundation
import Testing
import SchoolGate
import SchoolGateStore
import SchoolGateTesting
@testable import SchoolGateTUI

/// The forms beyond the three journeys, driven key by key through the real UI: a trip's
/// details, a photo from a file, a site's owners, new sites and collections, staff and
/// their roles, and withdrawing an invitation from a site. Each form and each refusal
/// has a golden screen; the state is checked after every step.
extension CursesTests {
@Suite struct ManagementGoldenTests {
    init() { _ = TestSupport.pinned }

    func open(_ session: InMemorySession) throws -> HeadlessDriver {
        let options = TUIOptions(environment: ["HOME": "/nonexistent"], clock: { TestSupport.now }, timeZone: TestSupport.utc)
        let settings = try TUISettings.load(TUIOptions(theme: "default", environment: ["HOME": "/nonexistent"]),
                                            catalog: TestSupport.catalog)
        return try HeadlessDriver(shell: SchoolApp.makeShell(session: session, settings: settings, options: options))
    }

    func text(_ d: HeadlessDriver) -> String { d.screen.joined(separator: "\n") }

    /// What a photo folder's path shows as in the golden screens.
    static let photoFolderShown = "/tmp/schoolgate-photos-XXXXXX"

    /// Photo files in a new folder of this test's own, whose path has the length of
    /// ``photoFolderShown`` (`mkdtemp` fills in the X's), so a screen that shows it
    /// is laid out as its golden one; the caller removes it.
    static func photoFolder() throws -> String {
        var template = Array(photoFolderShown.utf8CString)
        guard let made = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        let dir = String(cString: made)
        try PhotoFileTests.png.write(to: URL(fileURLWithPath: dir + "/day-one.png"), options: .atomic)
        try Data("Packing list: passport, coat".utf8).write(to: URL(fileURLWithPath: dir + "/packing.txt"), options: .atomic)
        try Data("Packing list: passport, coat".utf8).write(to: URL(fileURLWithPath: dir + "/renamed.jpg"), options: .atomic)
        return dir
    }

    @Test func tripDetailsAreEditedAndTheDomainsDateRuleShowsInTheForm() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter>T")
        Golden.check(d, "trip-1-details-form")

        // A date that is not a date is caught at once, under the field.
        try d.type("<Enter><C-u>2026-04-31<Enter>")
        #expect(text(d).contains("Write the date as YYYY-MM-DD"))
        // The end before the start: the domain refuses, in its words, in the form.
        try d.type("<Up><C-u>2026-04-13<Enter><C-u>2026-04-10<Enter><Enter>")
        Golden.check(d, "trip-2-end-before-start-refused")
        #expect(text(d).contains("the trip ends (2026-04-10) before it"))
        #expect(s.state.sites[DemoSchool.paris]?.trip?.end == LocalDate("2026-04-17"))

        // Corrected: saved, and the header shows it.
        try d.type("<Up><Up><Up><C-u>Paris and Versailles<Enter><Enter><C-u>2026-04-18<Enter><Enter>")
        #expect(text(d).contains("Trip details saved."))
        let trip = try #require(s.state.sites[DemoSchool.paris]?.trip)
        #expect(trip == TripDetails(destination: "Paris and Versailles", start: LocalDate("2026-04-13")!, end: LocalDate("2026-04-18")!))
        #expect(text(d).contains("Paris and Versailles, Mon 13 Apr – Sat 18 Apr 2026"))
    }

    @Test func tripDetailsAreOnlyOfferedToThoseWhoManageTheTrip() throws {
        let s = DemoSchool.session(as: "obrien", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter>")
        #expect(!(d.screen.last ?? "").contains("Trip"))
        try d.type("T")
        #expect(text(d).contains("You cannot change this trip: only the site's owners"))
        #expect(!text(d).contains("First day"))
    }

    @Test func aPhotoIsAddedFromAFileAndBadFilesAreRefusedInTheForm() throws {
        let dir = try ManagementGoldenTests.photoFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = DemoSchool.session(as: "mkhan", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter><Tab><Tab><Tab>a")
        Golden.check(d, "photo-1-add-form")

        try d.type("Day one at the Louvre<Enter>\(dir)/packing.txt<Enter><Enter>")
        Golden.check(d, "photo-2-not-a-picture-refused", masking: [dir: ManagementGoldenTests.photoFolderShown])
        #expect(s.media.isEmpty)
        try d.type("<C-u>\(dir)/renamed.jpg<Enter><Enter>")
        #expect(text(d).contains("renamed.jpg is not a picture schoolgate can keep"))
        try d.type("<C-u>\(dir)/missing.png<Enter><Enter>")
        #expect(text(d).contains("There is no file \(dir)/missing.png."))
        #expect(s.media.isEmpty && s.state.sites[DemoSchool.paris]!.photos.count == 1)

        // A store that cannot keep the file: nothing saved, and the form says so.
        s.mediaFailure = "the disk is full"
        try d.type("<C-u>'\(dir)/day-one.png'<Enter><Enter>")
        #expect(text(d).contains("Nothing was saved: the disk is full"))
        #expect(s.state.sites[DemoSchool.paris]!.photos.count == 1)

        s.mediaFailure = nil
        try d.type("<Enter>") // the form kept the path; Add photo again
        #expect(text(d).contains("Added the photo."))
        let kept = MediaFile.relativePath(for: PhotoFileTests.png, fileExtension: "png")
        #expect(s.media[kept] == PhotoFileTests.png)
        let photo = try #require(s.state.sites[DemoSchool.paris]!.photos.first { $0.caption == "Day one at the Louvre" })
        #expect(photo.file == kept)
        #expect(text(d).contains("Day one at the Louvre"))

        // Its caption can be edited afterwards.
        try d.type("G" + "e<C-u>Day one: the Louvre<Enter><Enter>")
        #expect(s.state.sites[DemoSchool.paris]!.photos.first { $0.id == photo.id }?.caption == "Day one: the Louvre")
    }

    @Test func ownersAreChangedAndGivingOwnershipAsksFirst() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: false) // mkhan is an admin of the year-9 collection
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter>o")
        #expect(text(d).contains("Owners of Paris trip 9B"))
        try d.type("<End> nobody<Enter>")
        #expect(text(d).contains("No member of staff has the login \"nobody\"."))
        try d.type("<Up><C-u>mkhan obrien<Enter><Enter>")
        Golden.check(d, "owners-1-give-ownership-asks")
        try d.type("<Enter>") // the default: Cancel
        #expect(s.state.sites[DemoSchool.paris]?.owners == ["mkhan"])
        #expect(text(d).contains("Nothing changed."))

        try d.type("o<C-u>mkhan obrien<Enter><Enter><Left><Enter>")
        #expect(s.state.sites[DemoSchool.paris]?.owners == ["mkhan", "obrien"])
        #expect(text(d).contains("Owners: Maryam Khan, Zoë O'Brien"))
        // Taking someone off does not ask; an empty list is refused at once.
        try d.type("o<C-u><Enter>")
        #expect(text(d).contains("Enter at least one login"))
        try d.type("<Up><C-u>mkhan<Enter><Enter>")
        #expect(s.state.sites[DemoSchool.paris]?.owners == ["mkhan"])
    }

    @Test func aNewSiteAndANewCollection() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("/year 9<Enter>a")
        Golden.check(d, "site-new-form")
        try d.type("Berlin trip 10A<Enter>Berlin 2027<Enter><Enter><Enter>Berlin<Enter>2027-02-01<Enter>2027-02-05<Enter><Enter>")
        Golden.check(d, "site-new-refused")
        #expect(text(d).contains("The site name cannot be used"))
        try d.type("<Up><Up><Up><Up><Up><Up><C-u>berlin-2027<Enter><Enter><Enter><Enter><Enter><C-u><Enter><Enter>")
        #expect(text(d).contains("A trip site needs its last day"))
        try d.type("<C-u>2027-02-05<Enter><Enter>")
        let id = SiteID(collection: "year-9", slug: "berlin-2027")
        let site = try #require(s.state.sites[id])
        #expect(site.kind == .trip && site.owners == ["mkhan"] && site.trip?.destination == "Berlin")
        #expect(text(d).contains("Created the site year-9/berlin-2027."))
        #expect(text(d).contains("Berlin trip 10A  year-9/berlin-2027 · trip site")) // it opened

        // Not in a collection mkhan does not manage; and collections are for admins.
        try d.type("<Esc>/whole school<Enter>a")
        #expect(text(d).contains("You cannot create sites in this collection"))
        try d.type("A")
        #expect(text(d).contains("You cannot add site collections: only admins may."))
    }

    @Test func adminsCreateCollections() throws {
        let s = DemoSchool.session(as: "admin", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("A")
        Golden.check(d, "collection-new-form")
        try d.type("Year 10<Enter>year-10<Enter><End> mkhan<Enter><Enter>")
        let c = try #require(s.state.collections["year-10"])
        #expect(c.title == "Year 10" && c.admins == ["admin", "mkhan"] && c.sharing == .off)
        #expect(text(d).contains("Year 10 (year-10)"))
        try d.type("A<Enter>year-10<Enter><Enter><Enter>")
        #expect(text(d).contains("Enter the collection's title."))
        try d.type("Again<Enter><Enter><Enter><Enter>")
        #expect(text(d).contains("A site collection \"year-10\" already exists."))
        #expect(s.state.collections.count == 3)
    }

    @Test func adminsAddStaffAndGivingWiderRolesAsksFirst() throws {
        let s = DemoSchool.session(as: "admin", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("3<Tab><Tab>a")
        Golden.check(d, "staff-1-add-form")
        try d.type("jsmith<Enter>Jo Smith<Enter><Enter><Right><Enter><Enter><Enter>")
        Golden.check(d, "staff-2-widening-asks")
        try d.type("<Enter>") // Cancel, the default
        #expect(s.state.staff["jsmith"] == nil)

        try d.type("ajsmith<Enter>Jo Smith<Enter><Enter><Right><Enter><Enter><Enter><Left><Enter>")
        #expect(s.state.staff["jsmith"]?.roles == [.teacher, .office])
        #expect(text(d).contains("Jo Smith"))

        // A teacher only: no question. A login already used: the domain's words in the form.
        try d.type("atlee<Enter>Tom Lee<Enter><Enter><Enter><Enter><Enter>")
        #expect(s.state.staff["tlee"]?.roles == [.teacher])
        try d.type("atlee<Enter>Tim Lee<Enter><Enter><Enter><Enter><Enter>")
        #expect(text(d).contains("\"tlee\" is already on the staff list."))
        #expect(s.state.staff["tlee"]?.name == "Tom Lee")
        try d.type("<Esc>")
    }

    @Test func rolesAreChangedAndTheLastAdminStays() throws {
        let s = DemoSchool.session(as: "admin", sharing: false)
        let d = try open(s)
        defer { d.close() }
        // The staff list: admin, mkhan, obrien. The admin takes their own admin role away.
        try d.type("3<Tab><Tab>ge<Right><Enter><Enter><Left><Enter><Enter>")
        Golden.check(d, "staff-3-last-admin-refused")
        #expect(text(d).contains("At least one admin must remain"))
        #expect(s.state.staff["admin"]?.roles == [.admin])
        try d.type("<Esc>")

        // Giving mkhan the admin role asks; then the first admin may step down (asked too).
        try d.type("je<Enter><Enter><Right><Enter><Enter>")
        #expect(text(d).contains("Give the admin role?"))
        try d.type("<Left><Enter>")
        #expect(s.state.staff["mkhan"]?.roles == [.teacher, .admin])
        try d.type("ge<Right><Enter><Enter><Left><Enter><Enter>")
        #expect(text(d).contains("Stop being an admin?"))
        try d.type("<Left><Enter>")
        #expect(s.state.staff["admin"]?.roles == [.teacher])
        // No longer an admin: staff can no longer be added from here.
        #expect(!(d.screen.last ?? "").contains("Add"))
    }

    @Test func staffFormsAreForAdminsOnly() throws {
        let s = DemoSchool.session(as: "obrien", sharing: false)
        let d = try open(s)
        defer { d.close() }
        try d.type("3<Tab><Tab>")
        #expect(!(d.screen.last ?? "").contains("Add") && !(d.screen.last ?? "").contains("Edit"))
        try d.type("a")
        #expect(text(d).contains("You cannot add staff: only admins may."))
        try d.type("e")
        #expect(text(d).contains("You cannot change staff roles: only admins may."))
    }

    @Test func theRequesterWithdrawsAnInvitationFromTheSite() throws {
        let s = DemoSchool.session(as: "mkhan", sharing: true)
        let d = try open(s)
        defer { d.close() }
        try d.type("/paris<Enter><Enter><S-Tab>/li.parent<Enter>")
        #expect((d.screen.last ?? "").contains("Withdraw"))
        let li = try #require(s.state.invitations.values.first { $0.email.value == "li.parent@example.org" })
        try d.type("w<Enter>") // Cancel is the default
        #expect(s.state.invitations[li.id]?.recordedState == .requested)
        try d.type("w<Left><Enter>")
        #expect(s.state.invitations[li.id]?.recordedState == .withdrawn)
        #expect(text(d).contains("Invitation \(li.id) was withdrawn."))
        #expect(!text(d).contains("li.parent@example.org"))
    }
}
}
