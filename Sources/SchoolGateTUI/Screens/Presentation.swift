import Foundation
import SchoolGate
import SchoolGateSession

/// How domain values look on screen: badges with a glyph, a word and a colour (never
/// the colour alone), dates in the school's time zone, and store text made safe.
enum Show {
    /// Store text as text: control characters and escapes neutralised.
    static func text(_ s: String) -> String { SafeText.neutralised(s) }

    /// The theme element of a sharing level's badge.
    static func element(_ level: SharingLevel) -> ThemeElement {
        switch level {
        case .off: .badgeSharingOff
        case .existing: .badgeSharingExisting
        case .new: .badgeSharingNew
        }
    }

    /// "● new", "◐ existing", "○ off".
    static func badge(_ level: SharingLevel, _ g: Glyphs) -> Segment {
        let glyph = switch level {
        case .off: g.sharingOff
        case .existing: g.sharingExisting
        case .new: g.sharingNew
        }
        return Segment(glyph + " " + level.rawValue, element(level))
    }

    static func element(_ audience: Audience) -> ThemeElement {
        switch audience {
        case .public: .audiencePublic
        case .parents: .audienceParents
        case .staff: .audienceStaff
        }
    }

    static func glyph(_ audience: Audience, _ g: Glyphs) -> String {
        switch audience {
        case .public: g.audiencePublic
        case .parents: g.audienceParents
        case .staff: g.audienceStaff
        }
    }

    /// "● public" etc.
    static func audience(_ a: Audience, _ g: Glyphs) -> Segment {
        Segment(glyph(a, g) + " " + a.rawValue, element(a))
    }

    /// "2026-03-09 09:30" in `zone`.
    static func dateTime(_ d: Date, _ zone: TimeZone) -> String { WallClock(d, in: zone).dayAndMinute }

    /// "2026-03-09" in `zone`.
    static func date(_ d: Date, _ zone: TimeZone) -> String { LocalDate(d, in: zone).description }

    /// "09:30" in `zone`.
    static func time(_ d: Date, _ zone: TimeZone) -> String { WallClock(d, in: zone).hourMinute }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// "Mon 9 Mar".
    static func day(_ d: LocalDate) -> String {
        "\(weekdays[d.isoWeekday - 1]) \(d.day) \(CalendarGrid.monthNames[d.month - 1].prefix(3))"
    }

    /// "1 site" / "3 sites" / "10,000 licences" (``Wording/count(_:_:_:)``).
    static func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        Wording.count(n, noun, plural)
    }
}

extension StatusMessage {
    /// The status line for a failed command: the domain's words, prefixed "Refused:".
    static func failure(_ f: SessionFailure) -> StatusMessage {
        switch f {
        case .refused(let r): .error("Refused: " + r.message)
        case .store: .error(f.message)
        }
    }
}
