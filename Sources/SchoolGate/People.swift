import Foundation

/// A person outside the school who accepted an invitation; holds one PAL.
public struct ExternalUser: Sendable, Hashable, Identifiable {
    /// The personal account they signed in with.
    public var email: EmailAddress
    /// When they first became an external user.
    public var since: Date
    /// When they last signed in to the parents' portal (nil: never).
    public var lastSignIn: Date?
    /// SHA-256 (hex) of the secret in their personal calendar feed's address; nil until
    /// they first open "My calendar".
    public var feedTokenHash: String?

    public var id: EmailAddress { email }

    public init(email: EmailAddress, since: Date) {
        self.email = email
        self.since = since
    }
}

/// An address-book entry for someone outside the school. Never signs in, never uses a PAL.
public struct ExternalContact: Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var email: EmailAddress?
    public var phone: String
    public var organisation: String
    public var note: String

    public init(id: Int, name: String, email: EmailAddress?, phone: String, organisation: String, note: String) {
        self.id = id
        self.name = name
        self.email = email
        self.phone = phone
        self.organisation = organisation
        self.note = note
    }
}
