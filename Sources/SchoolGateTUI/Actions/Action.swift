/// Where an action applies. A screen declares the scopes that are active, most
/// specific first; a key means the first action bound to it in those scopes.
public enum ActionScope: String, Sendable, CaseIterable, Hashable {
    /// Everywhere outside dialogs and forms.
    case global
    /// Any list or scrollable text.
    case list
    /// The Sites tab and the sites in it.
    case sites
    /// An open site (trip, calendar, contact list, team site).
    case site
    /// A calendar's month grid.
    case calendar
    case invitations
    case people
    case admin
    case audit
    /// A form with fields.
    case form
    /// A dialog with buttons.
    case dialog

    /// The heading of this scope on the help screen.
    public var title: String {
        switch self {
        case .global: "Everywhere"
        case .list: "Lists and text"
        case .sites: "Sites tab"
        case .site: "An open site"
        case .calendar: "Calendar month grid"
        case .invitations: "Invitations tab"
        case .people: "People tab"
        case .admin: "Admin tab"
        case .audit: "Audit tab"
        case .form: "Forms"
        case .dialog: "Dialogs"
        }
    }
}

/// The name of an action, as written in the keys file (`move-down`, `approve`).
public struct ActionID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// One row of the action table: what the action is called, its default keys, where it
/// applies and what the help screen and the hint bar say about it.
public struct ActionSpec: Sendable {
    public var id: ActionID
    public var defaultKeys: [Key]
    public var scopes: Set<ActionScope>
    /// One line for the help screen.
    public var help: String
    /// A short label for the hint bar, or nil to leave the action out of it.
    public var hint: String?
    /// An action whose first key the hint bar shows beside this one's ("j/k Move").
    public var hintPartner: ActionID?

    public init(_ id: ActionID, keys: [Key], scopes: Set<ActionScope>, help: String,
                hint: String? = nil, partner: ActionID? = nil) {
        self.id = id
        self.defaultKeys = keys
        self.scopes = scopes
        self.help = help
        self.hint = hint
        self.hintPartner = partner
    }
}
