import Foundation
import Testing
import SchoolGate
@testable import SchoolGateTUI

/// The rules the management forms apply before the domain sees anything: when a role
/// change asks first, and how logins typed in a field are read and checked.
@Suite struct ManagementFormsTests {
    let teacher = Staff(login: "mkhan", name: "Maryam Khan", roles: [.teacher])
    let admin = Staff(login: "admin", name: "Ada Admin", roles: [.admin])

    @Test func givingOfficeOrAdminAsksFirst() throws {
        let q = try #require(StaffForms.question(for: teacher, giving: [.teacher, .office], me: "admin"))
        #expect(q.title == "Give the office role?" && q.yes == "Give office")
        #expect(q.lines.first == "Maryam Khan (mkhan) will be able to:")
        let both = try #require(StaffForms.question(for: teacher, giving: [.office, .admin], me: "admin"))
        #expect(both.title == "Give the office and admin role?")
    }

    @Test func narrowingOrTeacherOnlyDoesNotAsk() {
        #expect(StaffForms.question(for: teacher, giving: [.teacher], me: "admin") == nil)
        #expect(StaffForms.question(for: Staff(login: "x", name: "", roles: [.office]), giving: [.teacher], me: "admin") == nil)
        #expect(StaffForms.question(for: Staff(login: "new", name: "", roles: []), giving: [.teacher], me: "admin") == nil)
    }

    @Test func droppingYourOwnAdminRoleAsks() throws {
        let q = try #require(StaffForms.question(for: admin, giving: [.teacher], me: "admin"))
        #expect(q.title == "Stop being an admin?")
        // Someone else's admin role: the domain guards the last admin; no question.
        #expect(StaffForms.question(for: admin, giving: [.teacher], me: "other") == nil)
    }

    @Test func rolesComeFromTheYesNoFields() {
        #expect(StaffForms.roles(["teacher": "yes", "office": "no", "admin": "yes"]) == [.teacher, .admin])
        #expect(StaffForms.roles([:]).isEmpty)
        let fields = StaffForms.roleFields([.office])
        #expect(fields.map(\.value) == ["no", "yes", "no"])
    }

    @Test func loginsAreReadAndChecked() {
        #expect(SiteForms.logins(" mkhan, obrien\tadmin ") == ["mkhan", "obrien", "admin"])
        let check = SiteForms.loginCheck(["mkhan", "obrien"], required: true)
        #expect(check("mkhan obrien") == nil)
        #expect(check("mkhan nobody x") == "No member of staff has the login \"nobody\", \"x\".")
        #expect(check("  ") == "Enter at least one login (People tab › Staff lists them).")
        #expect(SiteForms.loginCheck([], required: false)("") == nil)
    }

    @Test func theDryRunSeesTheDomainsRefusalAndRecordsNothing() {
        let s = DemoSchool.session(as: "admin", sharing: false)
        let screen = SchoolScreen(session: s)
        let before = s.version
        #expect(screen.refusal(of: .setStaffRoles(login: "admin", roles: [.teacher])) == .lastAdmin)
        #expect(screen.refusal(of: .setStaffRoles(login: "mkhan", roles: [.office])) == nil)
        #expect(s.version == before && s.state.staff["mkhan"]?.roles == [.teacher])
    }
}
