/// The rules every piece of text typed by staff must follow.
public enum TextRules {
    /// Longest single-line value (names, titles, notes), in characters.
    public static let maxLine = 200
    /// Longest multi-line value (blog posts, descriptions), in characters.
    public static let maxBody = 20_000

    /// A trimmed single-line value: not empty, at most `maxLine` characters,
    /// no control or direction-override characters.
    public static func line(_ text: String, field: String, max: Int = maxLine,
                            required: Bool = true) throws(Refusal) -> String {
        let t = normalisedLine(text)
        if required && t.isEmpty { throw .badText(field: field, reason: "it cannot be empty") }
        if t.count > max { throw .badText(field: field, reason: "it is longer than \(max) characters") }
        if SafeText.hasUnsafeCharacters(t) {
            throw .badText(field: field, reason: "it contains control characters (such as a line break, escape or text-direction override)")
        }
        if t.unicodeScalars.contains(where: { $0.properties.generalCategory == .surrogate }) {
            throw .badText(field: field, reason: "it is not valid text")
        }
        return t
    }

    /// A multi-line value: line breaks and tabs allowed, at most `maxBody` characters.
    public static func body(_ text: String, field: String, required: Bool = false) throws(Refusal) -> String {
        let t = normalisedBody(text)
        if required && t.isEmpty { throw .badText(field: field, reason: "it cannot be empty") }
        if t.count > maxBody { throw .badText(field: field, reason: "it is longer than \(maxBody) characters") }
        if SafeText.hasUnsafeCharacters(t, allowNewlines: true) {
            throw .badText(field: field, reason: "it contains control characters (such as an escape or text-direction override)")
        }
        return t
    }

    /// A single-line value as ``line(_:field:max:required:)`` keeps it (trimmed), for
    /// comparing text from elsewhere (an imported file) with what is stored.
    public static func normalisedLine(_ text: String) -> String { text.trimmingWhitespace() }

    /// A multi-line value as ``body(_:field:required:)`` keeps it (CRLF and CR as LF,
    /// trimmed of spaces and line breaks at both ends).
    public static func normalisedBody(_ text: String) -> String { text.replacingCRLF().trimmingWhitespace() }

    /// A short identifier for collections and sites: 1–40 of a–z, 0–9 and hyphens.
    public static func slug(_ text: String, field: String) throws(Refusal) -> String {
        let ok = !text.isEmpty && text.count <= 40 && !text.hasPrefix("-")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        guard ok else {
            throw .badText(field: field, reason: "use 1 to 40 lower-case letters, digits and hyphens, such as year-9 or paris-2027")
        }
        return text
    }
}

extension String {
    func replacingCRLF() -> String {
        guard unicodeScalars.contains("\r") else { return self }
        var out = ""
        var previousCR = false
        for s in unicodeScalars {
            if s == "\r" { out.unicodeScalars.append("\n"); previousCR = true; continue }
            if s == "\n" && previousCR { previousCR = false; continue }
            previousCR = false
            out.unicodeScalars.append(s)
        }
        return out
    }
}
