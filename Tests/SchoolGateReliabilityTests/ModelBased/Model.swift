import Foundation

/// A deliberately simple, independent model of the rules the sequences exercise
/// (behaviour.md: invitations, redemption in its order of checks, PALs, sharing levels,
/// removing external users), written without the domain module's code.
struct Model {
    enum InvitationState: String { case requested, sent, accepted, rejected, withdrawn, expired }

    struct Invitation {
        var id: Int
        var site: Int
        var email: String
        var state: InvitationState
        var expires: Date
        var code: String?

        func state(at now: Date) -> InvitationState {
            (state == .requested || state == .sent) && now >= expires ? .expired : state
        }
    }

    static let expiryDays = 14.0
    static let emails = (0..<6).map { "parent\($0)@example.org" }

    var level = 2  // 0 off, 1 existing, 2 new
    var capacity = 10_000
    /// In the order created; steps refer to them by position.
    var invitations: [Invitation] = []
    var users: Set<String> = []
    /// Open grants (site, address).
    var grants: Set<[String]> = []
    var posts = [0, 0]
    var now: Date

    /// The answer a step should get: nil for success, else the name of the refusal.
    typealias Expected = String?

    func invitation(_ ref: Int) -> Invitation? {
        ref >= 0 && !invitations.isEmpty ? invitations[ref % invitations.count] : nil
    }

    func hasAccess(site: Int, email: String) -> Bool {
        level > 0 && users.contains(email) && grants.contains(["\(site)", email])
    }

    func expectInvite(site: Int, email: String) -> Expected {
        if level == 0 { return "sharingDisabled" }
        if level == 1 && !users.contains(email) { return "existingOnly" }
        if invitations.contains(where: { $0.site == site && $0.email == email
            && [.requested, .sent].contains($0.state(at: now)) }) { return "alreadyPending" }
        if hasAccess(site: site, email: email) { return "alreadyHasAccess" }
        return nil
    }

    func expectApprove(_ inv: Invitation?, approver: Int) -> Expected {
        if approver == 2 { return "notAllowed" }
        guard let inv else { return "unknownInvitation" }
        if inv.state(at: now) != .requested { return "notPending" }
        if level == 0 { return "sharingDisabled" }
        if level == 1 && !users.contains(inv.email) { return "existingOnly" }
        return nil
    }

    func expectEnd(_ inv: Invitation?) -> Expected {
        guard let inv else { return "unknownInvitation" }
        return [.requested, .sent].contains(inv.state(at: now)) ? nil : "notPending"
    }

    func expectRedeem(_ inv: Invitation?, account: String, garbage: Bool) -> Expected {
        guard let inv, inv.code != nil, !garbage else { return "unknownCode" }
        let state = inv.state(at: now)
        if state == .accepted { return "alreadyAccepted" }
        if state != .sent { return "invitationEnded" }
        if level == 0 { return "sharingDisabled" }
        if level == 1 && !users.contains(account) { return "existingOnly" }
        if account != inv.email { return "accountMismatch" }
        if !users.contains(account) && users.count >= capacity { return "noFreeLicence" }
        return nil
    }

    mutating func redeemed(_ index: Int, account: String) {
        users.insert(account)
        grants.insert(["\(invitations[index].site)", account])
        invitations[index].state = .accepted
    }

    mutating func removeUser(_ email: String) {
        users.remove(email)
        grants = grants.filter { $0[1] != email }
    }
}
