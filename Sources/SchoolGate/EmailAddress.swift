/// A personal e-mail address, checked and kept in lower case.
///
/// Accepts the addresses schools meet in practice (RFC 5321 dot-atom local part,
/// an internet domain name); refuses quoted local parts, IP literals, spaces and
/// anything with control or invisible characters.
public struct EmailAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The address in lower case, as stored and compared.
    public let value: String

    /// The part after `@`.
    public var domain: String { String(value[value.index(after: value.lastIndex(of: "@")!)...]) }

    public var description: String { value }

    public static func < (a: EmailAddress, b: EmailAddress) -> Bool { a.value < b.value }

    /// Validates `text` (surrounding spaces are ignored).
    /// - Throws: `Refusal.invalidEmail` with the reason.
    public init(_ text: String) throws(Refusal) {
        let trimmed = text.trimmingWhitespace()
        if let problem = EmailAddress.problem(with: trimmed) {
            throw .invalidEmail(address: SafeText.neutralised(String(trimmed.prefix(80))), reason: problem)
        }
        value = trimmed.lowercased()
    }

    /// Builds without checking; for values already validated, such as those read back from
    /// a snapshot that the store has checksummed. An address already in lower-case ASCII
    /// (every stored one) is kept as it is, without a copy.
    public init(trusted: String) {
        var text = trusted
        let needsLowering = text.withUTF8 { bytes in bytes.contains { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } }
        value = needsLowering ? text.lowercased() : text
    }

    private static let localSpecials = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    /// Why `text` is not an acceptable address, or nil when it is.
    public static func problem(with text: String) -> String? {
        if text.isEmpty { return "it is empty" }
        if text.utf8.count > 254 { return "it is longer than 254 characters" }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return "it contains characters outside plain ASCII"
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
            return "it contains a space or a control character"
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2 ? "it has no @" : "it has more than one @"
        }
        let local = parts[0], domain = parts[1]
        if local.isEmpty { return "nothing comes before the @" }
        if local.utf8.count > 64 { return "the part before the @ is longer than 64 characters" }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "the part before the @ has a misplaced dot"
        }
        for s in local.unicodeScalars where !(s.properties.isAlphabetic || ("0"..."9").contains(s)
                                               || s == "." || localSpecials.contains(s)) {
            return "the part before the @ contains \"\(s)\""
        }
        if domain.isEmpty { return "nothing comes after the @" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 { return "the domain \"\(domain)\" has no dot" }
        for label in labels {
            if label.isEmpty { return "the domain \"\(domain)\" has an empty part" }
            if label.utf8.count > 63 { return "a part of the domain is longer than 63 characters" }
            if label.hasPrefix("-") || label.hasSuffix("-") {
                return "a part of the domain starts or ends with a hyphen"
            }
            if !label.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" }) {
                return "the domain \"\(domain)\" contains a character a domain cannot have"
            }
        }
        if let tld = labels.last, !tld.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) || tld.count < 2 {
            return "the domain \"\(domain)\" does not end in a real top-level domain"
        }
        return nil
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.unicodeScalars.first, f.properties.isWhitespace { s = s.dropFirst() }
        while let l = s.unicodeScalars.last, l.properties.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
