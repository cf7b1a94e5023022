import Foundation
import SchoolGate

// The explicit JSON forms of invitations, external users, grants and contacts in journal
// records (docs/store-format.md, "Journal records").

extension Invitation: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), site: try c.site("site"), email: try c.email("email"),
                  note: try c.optional(String.self, "note") ?? "", requester: try c.value(String.self, "requester"),
                  requested: try c.time("requested"), expires: try c.time("expires"))
        recordedState = try c.optionalRaw(InvitationState.self, "recordedState") ?? .requested
        approver = try c.optional(String.self, "approver")
        identityNote = try c.optional(String.self, "identityNote")
        approved = try c.optionalTime("approved")
        codeHash = try c.optional(String.self, "codeHash")
        endReason = try c.optional(String.self, "endReason")
        endedBy = try c.optional(String.self, "endedBy")
        ended = try c.optionalTime("ended")
        acceptedBy = try c.optionalEmail("acceptedBy")
        accepted = try c.optionalTime("accepted")
        acceptedByDifferentAccount = try c.optional(Bool.self, "acceptedByDifferentAccount") ?? false
        mismatchAttempts = try c.objects(MismatchAttempt.self, "mismatchAttempts")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.site(site, "site")
        try c.email(email, "email")
        try c.put(note, "note")
        try c.put(requester, "requester")
        try c.time(requested, "requested")
        try c.time(expires, "expires")
        try c.put(recordedState.rawValue, "recordedState")
        try c.putIfPresent(approver, "approver")
        try c.putIfPresent(identityNote, "identityNote")
        try c.timeIfPresent(approved, "approved")
        try c.putIfPresent(codeHash, "codeHash")
        try c.putIfPresent(endReason, "endReason")
        try c.putIfPresent(endedBy, "endedBy")
        try c.timeIfPresent(ended, "ended")
        try c.putIfPresent(acceptedBy?.value, "acceptedBy")
        try c.timeIfPresent(accepted, "accepted")
        try c.put(acceptedByDifferentAccount, "acceptedByDifferentAccount")
        try c.objects(mismatchAttempts, "mismatchAttempts")
    }
}

extension MismatchAttempt: RecordFields {
    init(fields c: Reader) throws {
        self.init(account: try c.value(String.self, "account"), at: try c.time("at"))
    }

    func write(fields c: inout Writer) throws {
        try c.put(account, "account")
        try c.time(at, "at")
    }
}

extension ExternalUser: RecordFields {
    init(fields c: Reader) throws {
        self.init(email: try c.email("email"), since: try c.time("since"))
        lastSignIn = try c.optionalTime("lastSignIn")
        feedTokenHash = try c.optional(String.self, "feedTokenHash")
    }

    func write(fields c: inout Writer) throws {
        try c.email(email, "email")
        try c.time(since, "since")
        try c.timeIfPresent(lastSignIn, "lastSignIn")
        try c.putIfPresent(feedTokenHash, "feedTokenHash")
    }
}

extension Grant: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), site: try c.site("site"), email: try c.email("email"),
                  since: try c.time("since"), source: try c.object(GrantSource.self, "source"))
        extendedUntil = try c.optionalDay("extendedUntil")
        ended = try c.optionalTime("ended")
        endedBy = try c.optional(String.self, "endedBy")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.site(site, "site")
        try c.email(email, "email")
        try c.time(since, "since")
        try c.object(source, "source")
        try c.dayIfPresent(extendedUntil, "extendedUntil")
        try c.timeIfPresent(ended, "ended")
        try c.putIfPresent(endedBy, "endedBy")
    }
}

/// `{"invitation": {"id": 5}}` or `{"direct": {"by": "LOGIN"}}`.
extension GrantSource: RecordFields {
    init(fields c: Reader) throws {
        if c.contains("invitation") {
            self = .invitation(id: try c.nestedContainer(keyedBy: Key.self, forKey: "invitation").value(Int.self, "id"))
        } else if c.contains("direct") {
            self = .direct(by: try c.nestedContainer(keyedBy: Key.self, forKey: "direct").value(String.self, "by"))
        } else {
            throw RecordProblem(description: "a grant's source is neither an invitation nor direct")
        }
    }

    func write(fields c: inout Writer) throws {
        switch self {
        case .invitation(let id):
            var n = c.nestedContainer(keyedBy: Key.self, forKey: "invitation")
            try n.put(id, "id")
        case .direct(let by):
            var n = c.nestedContainer(keyedBy: Key.self, forKey: "direct")
            try n.put(by, "by")
        }
    }
}

extension ExternalContact: RecordFields {
    init(fields c: Reader) throws {
        self.init(id: try c.value(Int.self, "id"), name: try c.value(String.self, "name"), email: try c.optionalEmail("email"),
                  phone: try c.optional(String.self, "phone") ?? "",
                  organisation: try c.optional(String.self, "organisation") ?? "",
                  note: try c.optional(String.self, "note") ?? "")
    }

    func write(fields c: inout Writer) throws {
        try c.put(id, "id")
        try c.put(name, "name")
        try c.putIfPresent(email?.value, "email")
        try c.put(phone, "phone")
        try c.put(organisation, "organisation")
        try c.put(note, "note")
    }
}
