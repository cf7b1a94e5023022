import Foundation
import SchoolGate

/// What the UI and the reports derive from a school, run on every school a fuzz target
/// reads: none of it may crash, and the licence counts may never go negative.
enum DerivedViews {
    static func exercise(_ school: SchoolState) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let gauge = school.palGauge(at: now)
        invariant(gauge.used >= 0 && gauge.reserved >= 0, "a negative PAL count")
        _ = gauge.warnings
        for invitation in school.invitationList { _ = invitation.state(at: now) }
        for user in school.externalUsers.keys { _ = school.visibleSites(of: user, at: now) }
        for site in school.sites.keys {
            _ = school.effectiveLevel(site: site)
            _ = school.externalViewerCount(site: site, at: now)
        }
        _ = school.expiringSoon(at: now)
    }
}
