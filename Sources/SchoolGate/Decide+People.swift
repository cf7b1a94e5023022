import Foundation

/// Direct grants, revocations, extensions and the external contacts address book.
extension SchoolState {
    func decideGrant(site id: SiteID, email: String, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        if let reason = sharingOffReason(site: id) { throw .sharingDisabled(reason) }
        let address = try EmailAddress(email)
        guard externalUsers[address] != nil else { throw .notExternalUser(email: address.value) }
        if let list = domainBlock(for: address, site: id) { throw .domainBlocked(domain: address.domain, list: list) }
        if activeGrant(site: id, user: address, at: ctx.now) != nil {
            throw .alreadyHasAccess(email: address.value, site: id)
        }
        let already = visibleSites(of: address, at: ctx.now)
        let g = Grant(id: nextID, site: id, email: address, since: ctx.now, source: .direct(by: ctx.login))
        return ([.grantAdded(g)], .granted(id: g.id, alreadyVisible: already))
    }

    func decideRevoke(site id: SiteID, email: String, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let address = try EmailAddress(email)
        let open = grants(user: address).filter { $0.site == id && $0.ended == nil }
        guard !open.isEmpty else { throw .noOpenGrant(email: address.value, site: id) }
        return (open.map { .grantEnded(id: $0.id) }, .done)
    }

    func decideExtend(site id: SiteID, email: String, until: LocalDate, _ ctx: CommandContext) throws(Refusal) -> ([Change], Outcome) {
        let address = try EmailAddress(email)
        guard let g = openGrant(site: id, user: address) else { throw .noOpenGrant(email: address.value, site: id) }
        try checkDate(until, "new end date")
        guard until >= LocalDate(ctx.now, in: tenant!.zone) else { throw .badDates("the new end date \(until) is in the past") }
        return ([.grantExtended(id: g.id, until: until)], .done)
    }

    func decideSaveContact(id: Int, name: String, email: String, phone: String, org: String, note: String,
                           by actor: String) throws(Refusal) -> ([Change], Outcome) {
        let previous = id == 0 ? nil : externalContacts[id]
        if id != 0 && previous == nil { throw .unknownContact(id) }
        let c = ExternalContact(
            id: id == 0 ? nextID : id,
            name: try TextRules.line(name, field: "name"),
            email: email.trimmingWhitespace().isEmpty ? nil : try EmailAddress(email),
            phone: try TextRules.line(phone, field: "phone", max: 40, required: false),
            organisation: try TextRules.line(org, field: "organisation", required: false),
            note: try TextRules.line(note, field: "note", required: false))
        return ([.externalContactSaved(c, previous: previous)], id == 0 ? .created(id: c.id) : .done)
    }
}
