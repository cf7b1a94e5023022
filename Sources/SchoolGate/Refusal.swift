import Foundation

/// Why the domain refused a command, in words a school office understands.
public enum Refusal: Error, Sendable, Hashable {
    /// The exact words shown when sharing is off (from Office 365).
    public static let sharingDisabledText = "Invitations to users outside your organization are currently disabled."

    case noSchool
    case schoolExists
    case notStaff(login: String)
    /// An operating-system login that is not on the staff list runs the program.
    case notOnStaff(osLogin: String, school: String)
    /// `--as` another login, on a store that is not a demo, by someone other than root.
    case actingAsNotAllowed(osLogin: String, asLogin: String)
    case notAllowed(action: String, who: String)
    case sharingDisabled(SharingOffReason)
    case aboveTenant(requested: SharingLevel, tenant: SharingLevel)
    case confirmationNeeded(level: SharingLevel, regaining: [RegainedAccess])
    case existingOnly(email: String)
    case invalidEmail(address: String, reason: String)
    case domainBlocked(domain: String, list: String)
    case alreadyPending(invitation: Int)
    case alreadyHasAccess(email: String, site: SiteID)
    case unknownSite(String)
    case unknownCollection(String)
    case unknownStaff(String)
    case unknownInvitation(Int)
    case unknownExternalUser(String)
    case unknownContent(kind: ContentKind, id: Int, site: SiteID)
    case unknownContact(Int)
    case duplicateCollection(String)
    case duplicateSite(SiteID)
    case duplicateStaff(String)
    case ownRequest(invitation: Int)
    case identityNoteMissing
    case reasonMissing
    case notPending(invitation: Int, state: InvitationState)
    case unknownCode
    case alreadyAccepted
    case invitationEnded(state: InvitationState)
    case accountMismatch(invited: String, account: String)
    case noFreeLicence(capacity: Int)
    case capacityBelowUsed(used: Int)
    case badSetting(key: String, expected: String)
    case badText(field: String, reason: String)
    case wrongSiteKind(site: SiteID, kind: SiteKind, wants: String)
    case badDates(String)
    /// An event's repeat (its rule, skipped or moved dates) that cannot be kept.
    case badRepeat(String)
    case lastAdmin
    case notExternalUser(email: String)
    case noOpenGrant(email: String, site: SiteID)
    /// The school's `mail-from` is still the placeholder `init` records: nothing is sent.
    case mailFromNotSet(placeholder: String)
    /// A portal session that is unknown or over.
    case portalSessionOver(PortalSessionEnd)
    /// A parent acting for another address.
    case notYourAddress
    /// A member of staff who left the school (their login acts no more).
    case staffHasLeft(login: String)
    /// A site or collection (named) that was archived: read-only.
    case archived(String)
    /// A site that had external access cannot be deleted (`why`: what it had).
    case hadExternalAccess(site: SiteID, why: String)
    /// Someone cannot leave while they own these sites or administer these collections.
    case stillResponsible(login: String, sites: [SiteID], collections: [String])

    /// The one-line explanation shown to staff.
    public var message: String {
        switch self {
        case .noSchool:
            "This store holds no school yet. Create one first with: schoolgate init --school NAME --admin LOGIN."
        case .schoolExists:
            "This store already holds a school; it cannot be created twice."
        case .notStaff(let login):
            "\"\(login)\" is not on this school's staff list. Ask an admin to add you, or choose a login with --as."
        case .notOnStaff(let osLogin, let school):
            "You (\(osLogin)) are not on the staff list of \(school), so schoolgate shows and changes nothing for you. "
                + "Ask the school's admin to add you: schoolgate staff add \(osLogin) --name \"YOUR NAME\" --role teacher|office|admin."
        case .actingAsNotAllowed(let osLogin, let asLogin):
            "You (\(osLogin)) cannot act as \(asLogin): --as works only on demo schools (made by schoolgate demo) and for root. "
                + "Each member of staff uses schoolgate as themselves."
        case .notAllowed(let action, let who):
            "You cannot \(action): only \(who) may."
        case .sharingDisabled(let reason):
            "\(Refusal.sharingDisabledText) (Reason: \(reason.explanation).)"
        case .aboveTenant(let requested, let tenant):
            "A site collection cannot share more than the whole school: the school's sharing level is \"\(tenant.rawValue)\", so \"\(requested.rawValue)\" is not possible. Ask an admin to raise the school's level first."
        case .confirmationNeeded(let level, let regaining):
            "Setting sharing to \"\(level.rawValue)\" gives \(RegainedAccess.summary(regaining)) (\(Refusal.list(regaining))). Confirm to go ahead."
        case .existingOnly(let email):
            "Sharing here is limited to existing external users, and \(email) is not one yet. Ask an admin to allow new external users, or invite someone who already has access elsewhere."
        case .invalidEmail(let address, let reason):
            "\"\(address)\" is not a valid e-mail address: \(reason)."
        case .domainBlocked(let domain, let list):
            "Addresses at \(domain) are not allowed by \(list)."
        case .alreadyPending(let id):
            "An invitation for this address and site is already waiting (invitation \(id))."
        case .alreadyHasAccess(let email, let site):
            "\(email) can already see \(site); no invitation is needed."
        case .unknownSite(let s):
            "There is no site \"\(s)\". Sites are written COLLECTION/SLUG, for example year-9/paris-2027."
        case .unknownCollection(let s):
            "There is no site collection \"\(s)\"."
        case .unknownStaff(let s):
            "\"\(s)\" is not on this school's staff list."
        case .unknownInvitation(let id):
            "There is no invitation \(id)."
        case .unknownExternalUser(let e):
            "\(e) is not an external user of this school."
        case .unknownContent(let kind, let id, let site):
            "There is no \(kind.noun) \(id) on \(site)."
        case .unknownContact(let id):
            "There is no external contact \(id)."
        case .duplicateCollection(let s):
            "A site collection \"\(s)\" already exists."
        case .duplicateSite(let id):
            "A site \(id) already exists."
        case .duplicateStaff(let s):
            "\"\(s)\" is already on the staff list."
        case .ownRequest(let id):
            "You asked for invitation \(id) yourself, so someone else in the office must approve it."
        case .identityNoteMissing:
            "Say how you confirmed this person's identity (for example \"phoned the number on file, spoke to Mrs Khan\") before approving."
        case .reasonMissing:
            "Give a reason for rejecting the invitation; the person who asked will see it."
        case .notPending(let id, let state):
            "Invitation \(id) is \(state.rawValue); only an invitation that is still waiting can be changed."
        case .unknownCode:
            "This invitation code is not known. Check it was typed exactly as in the e-mail."
        case .alreadyAccepted:
            "This invitation has already been accepted. An invitation can be accepted only once, so a forwarded copy cannot be used; ask the school for your own invitation."
        case .invitationEnded(let state):
            switch state {
            case .rejected: "This invitation was turned down by the school and can no longer be used."
            case .withdrawn: "This invitation was withdrawn by the school and can no longer be used."
            default: "This invitation has expired. Ask the school to send a new one."
            }
        case .accountMismatch(let invited, let account):
            "This invitation was sent to \(invited) and cannot be accepted as \(account). The attempt has been recorded for the school office."
        case .noFreeLicence(let capacity):
            (capacity == 0 ? "The school has no partner access licences (its capacity is 0)."
                : capacity == 1 ? "The school's only partner access licence is in use."
                : "All \(Wording.number(capacity)) partner access licences are in use.")
                + " The invitation stays valid: it can be accepted once the school frees a licence."
        case .capacityBelowUsed(let used):
            "The licence capacity cannot be set below the \(Wording.count(used, "licence")) in use; remove external users first."
        case .badSetting(let key, let expected):
            "\(key) must be \(expected)."
        case .badText(let field, let reason):
            "The \(field) cannot be used: \(reason)."
        case .wrongSiteKind(let site, let kind, let wants):
            "\(site) is a \(kind.rawValue) site; \(wants)."
        case .badDates(let reason):
            "The dates cannot be used: \(reason)."
        case .badRepeat(let reason):
            "The repeat cannot be used: \(reason)."
        case .lastAdmin:
            "At least one admin must remain; give someone else the admin role first."
        case .portalSessionOver(let end):
            end.explanation
        case .notYourAddress:
            "You can only do this for the address you signed in with."
        case .staffHasLeft(let login):
            "\(login) has left the school: that login can no longer use schoolgate or be given sites. "
                + "Their history stays in the audit log; an admin can add them again with schoolgate staff add."
        case .archived(let name):
            "\(name) is archived: it can still be read, but no longer changed or shared."
        case .hadExternalAccess(let site, let why):
            "\(site) cannot be deleted because \(why); archive it instead (schoolgate site archive \(site)), "
                + "which ends that access and keeps its record for the audit."
        case .stillResponsible(let login, let sites, let collections):
            "\(login) cannot leave yet: \(Refusal.responsibilities(sites: sites, collections: collections)) first."
        case .notExternalUser(let email):
            "\(email) is not an external user yet; invite them instead of granting access directly."
        case .noOpenGrant(let email, let site):
            "\(email) has no access to \(site) to end."
        case .mailFromNotSet(let placeholder):
            "The school's e-mail address is not set (invitation e-mails would come from \(placeholder), which no mail system accepts). "
                + "Set it first: schoolgate tenant set mail-from office@YOUR-SCHOOL-DOMAIN."
        }
    }

    /// "the site a/b needs a new owner and the collections x, y need other admins".
    static func responsibilities(sites: [SiteID], collections: [String]) -> String {
        var parts: [String] = []
        if !sites.isEmpty {
            let names = sites.map(\.description).joined(separator: ", ")
            parts.append(sites.count == 1 ? "the site \(names) needs a new owner" : "the sites \(names) need new owners")
        }
        if !collections.isEmpty {
            let names = collections.joined(separator: ", ")
            parts.append(collections.count == 1 ? "the collection \(names) needs another admin"
                                                : "the collections \(names) need other admins")
        }
        return parts.joined(separator: " and ")
    }

    static func list(_ regaining: [RegainedAccess]) -> String {
        let shown = regaining.prefix(5).map { "\($0.email) on \($0.site)" }.joined(separator: ", ")
        return regaining.count > 5 ? shown + ", and \(regaining.count - 5) more" : shown
    }
}

extension Refusal: LocalizedError {
    public var errorDescription: String? { message }
}
