/// A semantic element of the UI that a theme gives a style to ("list.focus",
/// "gauge.used"), never a screen position. Names are dotted; an element a theme does
/// not mention takes the style of its parent ("badge.sharing.off" → "badge.sharing" →
/// "badge"), and finally of `normal`.
public struct ThemeElement: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// The element one level up, or nil for a top-level name.
    public var parent: ThemeElement? {
        guard let dot = rawValue.lastIndex(of: ".") else { return nil }
        return ThemeElement(rawValue: String(rawValue[..<dot]))
    }

    public static let normal = ThemeElement(rawValue: "normal")
    public static let title = ThemeElement(rawValue: "title")
    public static let border = ThemeElement(rawValue: "border")
    public static let tab = ThemeElement(rawValue: "tab")
    public static let tabActive = ThemeElement(rawValue: "tab.active")
    public static let hint = ThemeElement(rawValue: "hint")
    public static let hintKey = ThemeElement(rawValue: "hint.key")
    public static let status = ThemeElement(rawValue: "status")
    public static let error = ThemeElement(rawValue: "error")
    public static let warning = ThemeElement(rawValue: "warning")
    public static let success = ThemeElement(rawValue: "success")
    public static let muted = ThemeElement(rawValue: "muted")
    public static let dialog = ThemeElement(rawValue: "dialog")
    public static let dialogTitle = ThemeElement(rawValue: "dialog.title")
    public static let dialogButton = ThemeElement(rawValue: "dialog.button")
    public static let dialogButtonFocus = ThemeElement(rawValue: "dialog.button.focus")
    public static let input = ThemeElement(rawValue: "input")
    public static let inputFocus = ThemeElement(rawValue: "input.focus")
    public static let inputError = ThemeElement(rawValue: "input.error")
    public static let listHeader = ThemeElement(rawValue: "list.header")
    public static let listFocus = ThemeElement(rawValue: "list.focus")
    public static let listGroup = ThemeElement(rawValue: "list.group")
    public static let badgeSharingOff = ThemeElement(rawValue: "badge.sharing.off")
    public static let badgeSharingExisting = ThemeElement(rawValue: "badge.sharing.existing")
    public static let badgeSharingNew = ThemeElement(rawValue: "badge.sharing.new")
    public static let gaugeUsed = ThemeElement(rawValue: "gauge.used")
    public static let gaugeReserved = ThemeElement(rawValue: "gauge.reserved")
    public static let gaugeFree = ThemeElement(rawValue: "gauge.free")
    public static let gaugeWarn = ThemeElement(rawValue: "gauge.warn")
    public static let audiencePublic = ThemeElement(rawValue: "audience.public")
    public static let audienceParents = ThemeElement(rawValue: "audience.parents")
    public static let audienceStaff = ThemeElement(rawValue: "audience.staff")
    public static let calendarHeader = ThemeElement(rawValue: "calendar.header")
    public static let calendarToday = ThemeElement(rawValue: "calendar.today")
    public static let calendarSelected = ThemeElement(rawValue: "calendar.selected")
    public static let calendarOtherMonth = ThemeElement(rawValue: "calendar.other-month")
    public static let flag = ThemeElement(rawValue: "flag")
    public static let helpKey = ThemeElement(rawValue: "help.key")
    public static let searchMatch = ThemeElement(rawValue: "search.match")

    /// Every element a theme file may name, with what it styles (the theme file format's
    /// documentation is generated from this list).
    public static let known: [(element: ThemeElement, purpose: String)] = [
        (.normal, "ordinary text and the screen background"),
        (.title, "the title line (school, staff member, screen)"),
        (.border, "pane and dialog borders"),
        (.tab, "an inactive tab"), (.tabActive, "the current tab (also shown in [brackets])"),
        (.hint, "the hint bar at the bottom"), (.hintKey, "the keys in the hint bar"),
        (.status, "the status line"), (.error, "error and refusal messages (also prefixed \"Refused:\")"),
        (.warning, "warnings (also marked with a warning sign)"), (.success, "confirmations"),
        (.muted, "secondary text: dates, counts, inactive entries"),
        (.dialog, "dialog and form boxes"), (.dialogTitle, "dialog titles"),
        (.dialogButton, "dialog buttons"), (.dialogButtonFocus, "the focused button (also in <angle brackets>)"),
        (.input, "text fields"), (.inputFocus, "the text field being edited"),
        (.inputError, "a field's inline validation message"),
        (.listHeader, "column headings"), (.listFocus, "the focused row (also marked with a pointer)"),
        (.listGroup, "group headings in lists (Trip sites, Event calendars, ...)"),
        (.badgeSharingOff, "sharing badge: off"), (.badgeSharingExisting, "sharing badge: existing users only"),
        (.badgeSharingNew, "sharing badge: new and existing users"),
        (.gaugeUsed, "PAL gauge: used"), (.gaugeReserved, "PAL gauge: reserved"),
        (.gaugeFree, "PAL gauge: free"), (.gaugeWarn, "PAL gauge: warning marks and text"),
        (.audiencePublic, "calendar audience: public"), (.audienceParents, "calendar audience: parents"),
        (.audienceStaff, "calendar audience: staff only"),
        (.calendarHeader, "month grid: weekday names"), (.calendarToday, "month grid: today"),
        (.calendarSelected, "month grid: the selected day"),
        (.calendarOtherMonth, "month grid: days of the neighbouring months"),
        (.flag, "flags, such as invitations with mismatch attempts"),
        (.helpKey, "keys on the help screen"), (.searchMatch, "the search prompt and matches"),
    ]

    /// The names of every known element and of their parents ("badge", "gauge", ...).
    public static let acceptedNames: Set<String> = {
        var names = Set<String>()
        for (element, _) in known {
            var e: ThemeElement? = element
            while let current = e {
                names.insert(current.rawValue)
                e = current.parent
            }
        }
        return names
    }()
}
