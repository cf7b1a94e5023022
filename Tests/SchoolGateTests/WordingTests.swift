import Foundation
import Testing
@testable import SchoolGate

/// Issue 17: plurals and numbers as a school office writes them, from one helper.
@Suite("Wording: counts and numbers")
struct WordingTests {
    @Test("numbers are grouped by thousands", arguments: [
        (0, "0"), (999, "999"), (1_000, "1,000"), (10_000, "10,000"), (14_003, "14,003"),
        (1_234_567, "1,234,567"), (-1_234, "-1,234"),
    ])
    func number(_ n: Int, _ text: String) {
        #expect(Wording.number(n) == text)
    }

    @Test("counts are singular for exactly one, and take other plurals")
    func count() {
        #expect(Wording.count(1, "row") == "1 row")
        #expect(Wording.count(0, "row") == "0 rows")
        #expect(Wording.count(2, "entry", "entries") == "2 entries")
        #expect(Wording.count(10_000, "licence") == "10,000 licences")
        #expect(Wording.count(1, "licence is", "licences are") == "1 licence is")
    }

    @Test("licence refusals: one licence, several, thousands")
    func licenceRefusals() {
        #expect(Refusal.noFreeLicence(capacity: 1).message.hasPrefix("The school's only partner access licence is in use. "))
        #expect(Refusal.noFreeLicence(capacity: 10_000).message.hasPrefix("All 10,000 partner access licences are in use. "))
        #expect(Refusal.noFreeLicence(capacity: 0).message.hasPrefix("The school has no partner access licences"))
        #expect(Refusal.capacityBelowUsed(used: 1).message.contains("below the 1 licence in use;"))
        #expect(Refusal.capacityBelowUsed(used: 14_003).message.contains("below the 14,003 licences in use;"))
        let regaining = [RegainedAccess(email: EmailAddress(trusted: "p@home.example"), site: SiteID("year-9/paris")!)]
        #expect(Refusal.confirmationNeeded(level: .new, regaining: regaining).message.contains("gives 1 external user their access back"))
    }

    @Test("the gauge's warning writes its numbers as the gauge does")
    func gaugeWarning() {
        let over = PalGauge(capacity: 10_000, used: 9_000, reserved: 5_003).warnings.first ?? ""
        #expect(over.hasPrefix("Over-reserved: 14,003 licences are used or promised to sent invitations, but only 10,000 exist;"), "\(over)")
        let one = PalGauge(capacity: 1, used: 1, reserved: 1).warnings.first ?? ""
        #expect(one.hasPrefix("Over-reserved: 2 licences are used or promised to sent invitations, but only 1 exists;"), "\(one)")
        let tiny = PalGauge(capacity: 0, used: 0, reserved: 1).warnings.first ?? ""
        #expect(tiny.hasPrefix("Over-reserved: 1 licence is used or promised"), "\(tiny)")
    }

    @Test("invitation e-mails are not delivered from the placeholder address init records")
    func mailFrom() {
        var tenant = Tenant(schoolName: "Riverside", timeZone: "Europe/London", mailFrom: Tenant.placeholderMailFrom)
        #expect(tenant.mailDeliveryRefusal == .mailFromNotSet(placeholder: "office@school.invalid"))
        #expect(tenant.mailDeliveryRefusal?.message.contains("schoolgate tenant set mail-from") == true)
        tenant.mailFrom = "office@riverside.example"
        #expect(tenant.mailDeliveryRefusal == nil)
    }
}
