import Foundation

/// Turns the `TZID` values found in real calendar files into time zones.
///
/// Apple, Google and Thunderbird write IANA names (`Europe/London`), Thunderbird's older
/// versions a path ending in one (`/mozilla.org/20050126_1/Europe/London`); Outlook and
/// Exchange write Windows names (`GMT Standard Time`), which are mapped here with a table
/// of the common ones (after the Unicode CLDR "windowsZones" mapping).
enum TimeZoneNames {
    /// The zone named by `tzid`, or nil when the name is not known.
    static func zone(named tzid: String) -> TimeZone? {
        let name = tzid.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { return nil }
        if let iana = windows[name.lowercased()] { return TimeZone(identifier: iana) }
        if let zone = iana(name) { return zone }
        // `/mozilla.org/20050126_1/Europe/London`, `/softwarestudio.org/Olson_20011030_5/America/New_York`:
        // try the last two or three path components.
        let parts = name.split(separator: "/").map(String.init)
        for count in [3, 2] where parts.count > count {
            if let zone = iana(parts.suffix(count).joined(separator: "/")) { return zone }
        }
        return nil
    }

    private static func iana(_ name: String) -> TimeZone? {
        switch name.uppercased() {
        case "UTC", "Z", "GMT", "ETC/UTC", "ETC/GMT", "UNIVERSAL", "ZULU":
            return TimeZone(identifier: "UTC")
        default: break
        }
        // Only names shaped like IANA identifiers: "Area/City" (no spaces).
        guard name.contains("/"), !name.contains(" "), !name.hasPrefix("/") else { return nil }
        return TimeZone(identifier: name)
    }

    /// Windows time zone names (lower-cased) to IANA identifiers.
    static let windows: [String: String] = [
        "gmt standard time": "Europe/London",
        "greenwich standard time": "Atlantic/Reykjavik",
        "utc": "UTC",
        "coordinated universal time": "UTC",
        "w. europe standard time": "Europe/Berlin",
        "romance standard time": "Europe/Paris",
        "central europe standard time": "Europe/Budapest",
        "central european standard time": "Europe/Warsaw",
        "e. europe standard time": "Europe/Chisinau",
        "fle standard time": "Europe/Kiev",
        "gtb standard time": "Europe/Bucharest",
        "turkey standard time": "Europe/Istanbul",
        "russian standard time": "Europe/Moscow",
        "morocco standard time": "Africa/Casablanca",
        "w. central africa standard time": "Africa/Lagos",
        "south africa standard time": "Africa/Johannesburg",
        "egypt standard time": "Africa/Cairo",
        "e. africa standard time": "Africa/Nairobi",
        "israel standard time": "Asia/Jerusalem",
        "arabian standard time": "Asia/Dubai",
        "arab standard time": "Asia/Riyadh",
        "pakistan standard time": "Asia/Karachi",
        "india standard time": "Asia/Kolkata",
        "bangladesh standard time": "Asia/Dhaka",
        "se asia standard time": "Asia/Bangkok",
        "china standard time": "Asia/Shanghai",
        "singapore standard time": "Asia/Singapore",
        "w. australia standard time": "Australia/Perth",
        "tokyo standard time": "Asia/Tokyo",
        "korea standard time": "Asia/Seoul",
        "cen. australia standard time": "Australia/Adelaide",
        "aus central standard time": "Australia/Darwin",
        "e. australia standard time": "Australia/Brisbane",
        "aus eastern standard time": "Australia/Sydney",
        "tasmania standard time": "Australia/Hobart",
        "new zealand standard time": "Pacific/Auckland",
        "hawaiian standard time": "Pacific/Honolulu",
        "alaskan standard time": "America/Anchorage",
        "pacific standard time": "America/Los_Angeles",
        "us mountain standard time": "America/Phoenix",
        "mountain standard time": "America/Denver",
        "central standard time": "America/Chicago",
        "canada central standard time": "America/Regina",
        "central standard time (mexico)": "America/Mexico_City",
        "eastern standard time": "America/New_York",
        "us eastern standard time": "America/Indianapolis",
        "atlantic standard time": "America/Halifax",
        "newfoundland standard time": "America/St_Johns",
        "sa pacific standard time": "America/Bogota",
        "argentina standard time": "America/Buenos_Aires",
        "e. south america standard time": "America/Sao_Paulo",
        "azores standard time": "Atlantic/Azores",
        "cape verde standard time": "Atlantic/Cape_Verde",
    ]
}
