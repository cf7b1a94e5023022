extension ActionID {
    public static let quit = ActionID(rawValue: "quit")
    public static let help = ActionID(rawValue: "help")
    public static let tabSites = ActionID(rawValue: "tab-sites")
    public static let tabInvitations = ActionID(rawValue: "tab-invitations")
    public static let tabPeople = ActionID(rawValue: "tab-people")
    public static let tabAdmin = ActionID(rawValue: "tab-admin")
    public static let tabAudit = ActionID(rawValue: "tab-audit")
    public static let back = ActionID(rawValue: "back")
    public static let nextPane = ActionID(rawValue: "next-pane")
    public static let previousPane = ActionID(rawValue: "previous-pane")
    public static let redraw = ActionID(rawValue: "redraw")

    public static let moveUp = ActionID(rawValue: "move-up")
    public static let moveDown = ActionID(rawValue: "move-down")
    public static let pageUp = ActionID(rawValue: "page-up")
    public static let pageDown = ActionID(rawValue: "page-down")
    public static let first = ActionID(rawValue: "first")
    public static let last = ActionID(rawValue: "last")
    public static let open = ActionID(rawValue: "open")
    public static let search = ActionID(rawValue: "search")
    public static let searchNext = ActionID(rawValue: "search-next")
    public static let searchPrevious = ActionID(rawValue: "search-previous")

    public static let dayLeft = ActionID(rawValue: "day-before")
    public static let dayRight = ActionID(rawValue: "day-after")
    public static let weekUp = ActionID(rawValue: "week-before")
    public static let weekDown = ActionID(rawValue: "week-after")
    public static let monthPrevious = ActionID(rawValue: "month-before")
    public static let monthNext = ActionID(rawValue: "month-after")
    public static let today = ActionID(rawValue: "today")

    public static let fieldNext = ActionID(rawValue: "field-next")
    public static let fieldPrevious = ActionID(rawValue: "field-previous")
    public static let submit = ActionID(rawValue: "submit")
    public static let cancel = ActionID(rawValue: "cancel")
    public static let buttonNext = ActionID(rawValue: "button-next")
    public static let buttonPrevious = ActionID(rawValue: "button-previous")
    public static let activate = ActionID(rawValue: "activate")

    public static let invite = ActionID(rawValue: "invite")
    public static let grant = ActionID(rawValue: "grant")
    public static let revoke = ActionID(rawValue: "revoke")
    public static let extend = ActionID(rawValue: "extend")
    public static let edit = ActionID(rawValue: "edit")
    public static let add = ActionID(rawValue: "add")
    public static let delete = ActionID(rawValue: "delete")
    public static let skipDate = ActionID(rawValue: "skip-date")
    public static let moveDate = ActionID(rawValue: "move-date")
    public static let endSeries = ActionID(rawValue: "end-series")
    public static let approve = ActionID(rawValue: "approve")
    public static let reject = ActionID(rawValue: "reject")
    public static let withdraw = ActionID(rawValue: "withdraw")
    public static let filter = ActionID(rawValue: "filter")
    public static let setLevel = ActionID(rawValue: "set-level")
    public static let removeExternal = ActionID(rawValue: "remove-user")
    public static let exportCalendar = ActionID(rawValue: "export-calendar")
    public static let accessReport = ActionID(rawValue: "access-report")
    public static let yearEnd = ActionID(rawValue: "year-end")
    public static let editTrip = ActionID(rawValue: "edit-trip")
    public static let siteOwners = ActionID(rawValue: "site-owners")
    public static let newSite = ActionID(rawValue: "new-site")
    public static let newCollection = ActionID(rawValue: "new-collection")
}

/// The one table of actions. The help screen, the hint bar and key dispatch all come
/// from it; the keys file rebinds its entries by name.
public struct ActionTable: Sendable {
    public var specs: [ActionSpec]

    public init(_ specs: [ActionSpec]) { self.specs = specs }

    /// The spec for `id`, if the table has one.
    public func spec(_ id: ActionID) -> ActionSpec? { specs.first { $0.id == id } }

    /// Every action schoolgate has, with its default keys.
    public static let standard = ActionTable([
        ActionSpec(.quit, keys: [.character("q")], scopes: [.global], help: "Quit schoolgate", hint: "Quit"),
        ActionSpec(.help, keys: [.character("?"), .function(1)], scopes: [.global], help: "Show this help", hint: "Help"),
        ActionSpec(.tabSites, keys: [.character("1")], scopes: [.global], help: "Go to the Sites tab"),
        ActionSpec(.tabInvitations, keys: [.character("2")], scopes: [.global], help: "Go to the Invitations tab"),
        ActionSpec(.tabPeople, keys: [.character("3")], scopes: [.global], help: "Go to the People tab"),
        ActionSpec(.tabAdmin, keys: [.character("4")], scopes: [.global], help: "Go to the Admin tab"),
        ActionSpec(.tabAudit, keys: [.character("5")], scopes: [.global], help: "Go to the Audit tab"),
        ActionSpec(.back, keys: [.escape, .character("h")], scopes: [.global], help: "Go back (close the open item)", hint: "Back"),
        ActionSpec(.nextPane, keys: [.tab], scopes: [.global], help: "Move to the next pane", hint: "Pane"),
        ActionSpec(.previousPane, keys: [.backTab], scopes: [.global], help: "Move to the previous pane"),
        ActionSpec(.redraw, keys: [.control("l")], scopes: [.global], help: "Redraw the screen"),

        ActionSpec(.moveDown, keys: [.character("j"), .down], scopes: [.list], help: "Move down one line", hint: "Move", partner: .moveUp),
        ActionSpec(.moveUp, keys: [.character("k"), .up], scopes: [.list], help: "Move up one line"),
        ActionSpec(.pageDown, keys: [.pageDown, .control("f")], scopes: [.list], help: "Move down one page"),
        ActionSpec(.pageUp, keys: [.pageUp, .control("b")], scopes: [.list], help: "Move up one page"),
        ActionSpec(.first, keys: [.home, .character("g")], scopes: [.list], help: "Go to the first line"),
        ActionSpec(.last, keys: [.end, .character("G")], scopes: [.list], help: "Go to the last line"),
        ActionSpec(.open, keys: [.enter], scopes: [.list], help: "Open the selected item", hint: "Open"),
        ActionSpec(.search, keys: [.character("/")], scopes: [.list], help: "Search the current list", hint: "Search"),
        ActionSpec(.searchNext, keys: [.character("n")], scopes: [.list], help: "Go to the next match"),
        ActionSpec(.searchPrevious, keys: [.character("N")], scopes: [.list], help: "Go to the previous match"),

        ActionSpec(.dayLeft, keys: [.left], scopes: [.calendar], help: "Select the day before"),
        ActionSpec(.dayRight, keys: [.right, .character("l")], scopes: [.calendar], help: "Select the day after", hint: "Day", partner: .dayLeft),
        ActionSpec(.weekUp, keys: [.character("k"), .up], scopes: [.calendar], help: "Select the same day a week earlier"),
        ActionSpec(.weekDown, keys: [.character("j"), .down], scopes: [.calendar], help: "Select the same day a week later", hint: "Week", partner: .weekUp),
        ActionSpec(.monthPrevious, keys: [.character("["), .pageUp], scopes: [.calendar], help: "Show the month before"),
        ActionSpec(.monthNext, keys: [.character("]"), .pageDown], scopes: [.calendar], help: "Show the month after", hint: "Month", partner: .monthPrevious),
        ActionSpec(.today, keys: [.character("t")], scopes: [.calendar], help: "Go to today"),

        ActionSpec(.fieldNext, keys: [.tab, .down], scopes: [.form], help: "Move to the next field or button", hint: "Next"),
        ActionSpec(.fieldPrevious, keys: [.backTab, .up], scopes: [.form], help: "Move to the previous field or button"),
        ActionSpec(.submit, keys: [.enter], scopes: [.form], help: "Next field; on a button, press it", hint: "Confirm"),
        ActionSpec(.cancel, keys: [.escape], scopes: [.form, .dialog], help: "Cancel and close, changing nothing", hint: "Cancel"),
        ActionSpec(.buttonNext, keys: [.right, .tab, .character("l")], scopes: [.dialog], help: "Focus the next button", hint: "Choose", partner: .buttonPrevious),
        ActionSpec(.buttonPrevious, keys: [.left, .backTab, .character("h")], scopes: [.dialog], help: "Focus the previous button"),
        ActionSpec(.activate, keys: [.enter, .character(" ")], scopes: [.dialog], help: "Press the focused button", hint: "Press"),

        // Before the other site actions: offered only on a date of a repeating event, where they
        // matter most, and the hint bar keeps the first that fit.
        ActionSpec(.skipDate, keys: [.character("s")], scopes: [.site], help: "Skip the selected date of a repeating event (the other dates stay)", hint: "Skip date"),
        ActionSpec(.moveDate, keys: [.character("m")], scopes: [.site], help: "Move or change the selected date of a repeating event only", hint: "Move date"),
        ActionSpec(.endSeries, keys: [.character("E")], scopes: [.site], help: "End a repeating event after the selected date (it is the last one)"),
        ActionSpec(.invite, keys: [.character("i")], scopes: [.site, .people], help: "Ask for an invitation for someone outside the school", hint: "Invite"),
        ActionSpec(.grant, keys: [.character("+")], scopes: [.site], help: "Give an existing external user access to this site", hint: "Grant"),
        ActionSpec(.revoke, keys: [.character("-")], scopes: [.site], help: "End the selected person's access to this site", hint: "Revoke"),
        ActionSpec(.extend, keys: [.character("u")], scopes: [.site], help: "Keep the selected person's access until a date", hint: "Extend"),
        ActionSpec(.edit, keys: [.character("e")], scopes: [.site, .people, .admin], help: "Edit the selected entry", hint: "Edit"),
        ActionSpec(.add, keys: [.character("a")], scopes: [.site, .people], help: "Add an entry (itinerary, contact, post, photo, event, external contact, staff)", hint: "Add"),
        ActionSpec(.delete, keys: [.character("d")], scopes: [.site, .people], help: "Delete the selected entry"),
        ActionSpec(.approve, keys: [.character("a")], scopes: [.invitations], help: "Approve the selected invitation (confirm identity first)", hint: "Approve"),
        ActionSpec(.reject, keys: [.character("r")], scopes: [.invitations], help: "Reject the selected invitation, with a reason", hint: "Reject"),
        ActionSpec(.withdraw, keys: [.character("w")], scopes: [.invitations, .site], help: "Withdraw the selected invitation", hint: "Withdraw"),
        ActionSpec(.filter, keys: [.character("f")], scopes: [.invitations, .audit, .people], help: "Change which entries are shown", hint: "Filter"),
        ActionSpec(.setLevel, keys: [.character("s")], scopes: [.admin, .sites], help: "Change the sharing level of the tenant or the selected collection", hint: "Sharing"),
        ActionSpec(.removeExternal, keys: [.character("x")], scopes: [.people], help: "Remove the selected external user (frees a PAL)"),
        ActionSpec(.exportCalendar, keys: [.character("x")], scopes: [.site], help: "Export this calendar to an iCalendar (.ics) file", hint: "Export"),
        ActionSpec(.accessReport, keys: [.character("r")], scopes: [.admin], help: "Show the access report: who outside the school sees what, and why", hint: "Report"),
        ActionSpec(.yearEnd, keys: [.character("Y")], scopes: [.admin], help: "End the school year: archive the ended trips and last year's collections (listed first)"),
        ActionSpec(.editTrip, keys: [.character("T")], scopes: [.site], help: "Change the trip's destination and dates", hint: "Trip"),
        ActionSpec(.siteOwners, keys: [.character("o")], scopes: [.site], help: "Change who owns this site (the collection's admins and admins)"),
        ActionSpec(.newSite, keys: [.character("a")], scopes: [.sites], help: "Create a site in the selected collection", hint: "New site"),
        ActionSpec(.newCollection, keys: [.character("A")], scopes: [.sites], help: "Create a site collection (admins)"),
    ])
}
