import Foundation

/// A request as the portal's logic sees it, whatever server carried it.
public struct PortalRequest: Sendable {
    public var method: String
    /// The path, percent-decoded, without the query.
    public var path: String
    public var query: [String: String]
    /// Header names in lower case.
    public var headers: [String: String]
    public var cookies: [String: String]
    /// The fields of a `application/x-www-form-urlencoded` body.
    public var form: [String: String]
    /// The client's address (for throttles; never logged with anything secret).
    public var client: String

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                cookies: [String: String] = [:], form: [String: String] = [:], client: String = "127.0.0.1") {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.cookies = cookies
        self.form = form
        self.client = client
    }
}

/// What the portal answers.
public struct PortalResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    static func redirect(_ location: String, cookies: [String] = []) -> PortalResponse {
        PortalResponse(status: 303, headers: [("Location", location)] + cookies.map { ("Set-Cookie", $0) })
    }

    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// Why a request is refused before the portal sees it.
public struct PortalBadRequest: Error, Sendable, Equatable {
    public var status: Int
    public var title: String
    public var text: String

    static let badAddress = PortalBadRequest(status: 400, title: "This address is not valid",
                                             text: "Check the address, or start again from the home page.")
    static let tooLarge = PortalBadRequest(status: 413, title: "Too much was sent",
                                           text: "The portal's forms are short; this was far longer. Please try again.")
    static let notAForm = PortalBadRequest(status: 415, title: "Not a form", text: "Please use the portal's own pages.")
}

/// Turns what the HTTP server parsed (the request line's path and query, the header
/// fields, the body) into a ``PortalRequest``: the path percent-decoded and checked, at most
/// 4 KiB of each header, 50 cookies, a form's fields. Refuses what no page of the portal
/// could take. No I/O: the fuzz target `portal` runs it on arbitrary bytes.
public enum PortalRequestReading {
    /// The longest path, in bytes, once decoded.
    public static let maxPath = 2048
    /// The most of a header value kept.
    public static let maxHeader = 4096
    /// The most cookies read.
    public static let maxCookies = 50
    /// The most a body may hold.
    public static let maxBody = 16 * 1024

    /// - Parameters:
    ///   - path: the request's path as sent (percent-encoded), without the query.
    ///   - headers: the header fields in their order, names in any case.
    ///   - authority: HTTP/2's `:authority` (or HTTP/1.1's `Host` as the server reports it).
    ///   - body: a POST's body; nil for other methods.
    ///   - peer: the socket's client address.
    public static func request(method: String, path: String, query: String?, headers: [(String, String)],
                               authority: String?, body: [UInt8]?, peer: String,
                               trustProxy: Bool) throws(PortalBadRequest) -> PortalRequest {
        // Most paths hold no escape: Foundation's decoding (through NSString) is then skipped.
        guard let decoded = path.utf8.contains(UInt8(ascii: "%")) ? path.removingPercentEncoding : path,
            decoded.hasPrefix("/"), decoded.utf8.count <= maxPath,
            !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
        else { throw .badAddress }
        var fields: [String: String] = [:]
        for (name, value) in headers {
            let name = name.lowercased()
            if fields[name] == nil { fields[name] = String(value.prefix(maxHeader)) }
        }
        // HTTP/1.1's Host header arrives as the request's authority (HTTP/2's :authority).
        if fields["host"] == nil, let authority { fields["host"] = String(authority.prefix(maxHeader)) }
        var cookies: [String: String] = [:]
        // Split by Unicode scalars: a combining mark after `;` or `=` would join them into
        // one Character and merge two cookies.
        for part in (fields["cookie"] ?? "").unicodeScalars.split(separator: ";").prefix(maxCookies) {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = trimmingWhitespace(pair[0])
            if cookies[name] == nil { cookies[name] = trimmingWhitespace(pair[1]) }
        }
        var form: [String: String] = [:]
        if let body {
            guard body.count <= maxBody else { throw .tooLarge }
            let type = fields["content-type"]?.lowercased() ?? ""
            guard type.hasPrefix("application/x-www-form-urlencoded") else { throw .notAForm }
            form = FormDecoding.fields(String(decoding: body, as: UTF8.self))
        }
        let forwarded = headers.filter { $0.0.lowercased() == "x-forwarded-for" }.map(\.1)
        return PortalRequest(method: method, path: decoded, query: FormDecoding.fields(query ?? ""), headers: fields,
                             cookies: cookies, form: form, client: client(peer: peer, forwardedFor: forwarded,
                                                                          trustProxy: trustProxy))
    }

    /// `scalars` without the white space (`CharacterSet.whitespaces`: tabs and space
    /// separators) at either end, as `trimmingCharacters(in: .whitespaces)` gives it, without
    /// going through NSString (this runs for every cookie of every request).
    static func trimmingWhitespace(_ scalars: Substring.UnicodeScalarView) -> String {
        func isWhite(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || scalar == "\t" : CharacterSet.whitespaces.contains(scalar)
        }
        var start = scalars.startIndex, end = scalars.endIndex
        while start < end, isWhite(scalars[start]) { scalars.formIndex(after: &start) }
        while end > start, isWhite(scalars[scalars.index(before: end)]) { scalars.formIndex(before: &end) }
        return String(Substring(scalars[start..<end]))
    }

    /// The client's address: the socket's, or with `trustProxy` the last entry of the last
    /// `X-Forwarded-For` (the one the proxy wrote) when it looks like an IP address: ASCII
    /// hex digits, dots and colons only (`Character.isHexDigit` alone would also pass the
    /// full-width digits and letters, U+FF10…, into the throttle's key and the log).
    public static func client(peer: String, forwardedFor: [String], trustProxy: Bool) -> String {
        guard trustProxy, let last = forwardedFor.last?.split(separator: ",").last else { return peer }
        let address = last.trimmingCharacters(in: .whitespaces)
        guard !address.isEmpty, address.utf8.count <= 45, address.utf8.allSatisfy(isAddressByte) else { return peer }
        return address
    }

    static func isAddressByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "."), UInt8(ascii: ":"): true
        default: false
        }
    }
}

/// Reads `a=1&b=two+words` (form bodies and queries): percent-decoded, `+` as a space;
/// malformed escapes and invalid UTF-8 make the field unreadable rather than crash. The first
/// of a repeated name wins; at most 50 fields.
public enum FormDecoding {
    public static func fields(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        // Split by Unicode scalars, as the cookies are: `&` or `=` followed by a combining
        // mark is still a separator.
        for pair in text.unicodeScalars.split(separator: "&", omittingEmptySubsequences: true).prefix(50) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(Substring(parts[0])), result[name] == nil else { continue }
            result[name] = parts.count > 1 ? decode(Substring(parts[1])) ?? "" : ""
        }
        return result
    }

    static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
