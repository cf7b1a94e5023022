/// Numbers and counts as a school office writes them: "10,000", "1 licence",
/// "14,003 licences". The one helper for every front end's words (the domain's refusals
/// and warnings, the command line, the terminal UI), so that they agree.
public enum Wording {
    /// `n` with thousands separated by commas: "999", "10,000", "-1,234,567".
    public static func number(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// `n` and the noun, singular for exactly one: "1 site", "3 sites", "10,000 licences".
    /// `plural` defaults to the noun with "s"; give it for other forms ("entry", "entries")
    /// or to agree a verb ("licence is", "licences are").
    public static func count(_ n: Int, _ noun: String, _ plural: String? = nil) -> String {
        number(n) + " " + (n == 1 ? noun : plural ?? noun + "s")
    }
}
